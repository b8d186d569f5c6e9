import { NavLink } from 'react-router-dom';
import { useMessages } from '../context/message-context';

/** The way to the chat, with the number of unread messages. */
export function MessagesLink() {
  const { myId, unreadTotal } = useMessages();
  if (!myId) return null;
  return (
    <NavLink to="/messages" className="messages-link">
      Messages
      {unreadTotal > 0 && (
        <span className="unread-badge">
          {unreadTotal}
          <span className="visually-hidden"> unread</span>
        </span>
      )}
    </NavLink>
  );
}
