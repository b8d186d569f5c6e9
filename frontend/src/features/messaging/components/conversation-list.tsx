import type { ReactNode } from 'react';
import { NavLink } from 'react-router-dom';
import { Avatar } from '../../../components/ui/avatar';
import { useMessages } from '../context/message-context';
import { previewText } from '../logic/labels';

/** Everyone I have a conversation with, newest activity first: unread counts, last message, who is online. */
export function ConversationList({ headerActions }: { headerActions?: ReactNode }) {
  const { myId, conversations, conversationsError, onlineUserIds } = useMessages();
  return (
    <nav className="conversation-list" aria-labelledby="conversations-title">
      <div className="conversation-list-header">
        <h2 id="conversations-title">Conversations</h2>
        {headerActions}
      </div>
      {conversationsError && !conversations && <p role="alert">{conversationsError}</p>}
      {conversations === null && !conversationsError && <p role="status">Loading conversations…</p>}
      {conversations?.length === 0 && (
        <p className="conversation-empty">No conversations yet. A conversation starts with a consultation.</p>
      )}
      <ul>
        {conversations?.map(({ user, lastMessage, unreadCount }) => {
          const online = onlineUserIds.has(user.id);
          return (
            <li key={user.id}>
              <NavLink to={`/messages/${user.id}`} className="conversation-link">
                <Avatar name={user.name} avatarUrl={user.avatarUrl}>
                  <span className="presence-dot" data-online={online} />
                </Avatar>
                <span className="conversation-text">
                  <span className="conversation-name">
                    {user.name}
                    <span className="visually-hidden">{online ? ', online' : ', offline'}</span>
                  </span>
                  {lastMessage && myId && <span className="conversation-preview">{previewText(lastMessage, myId)}</span>}
                </span>
                {unreadCount > 0 && (
                  <span className="unread-badge">
                    {unreadCount}
                    <span className="visually-hidden"> unread</span>
                  </span>
                )}
              </NavLink>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
