import type { ReactNode } from 'react';
import { useParams } from 'react-router-dom';
import { ConversationList } from './conversation-list';
import { ThreadView } from './thread-view';

interface ChatScreenProps {
  /** extra controls for the open thread's header (the app puts the call button here) */
  threadActions?: (partnerId: string) => ReactNode;
}

/**
 * `/messages` and `/messages/:userId`: the conversation list beside the open thread. On a narrow
 * screen one of the two shows at a time.
 */
export default function ChatScreen({ threadActions }: ChatScreenProps) {
  const { userId } = useParams();
  return (
    <section className="chat-screen" data-thread-open={userId ? 'true' : 'false'} aria-labelledby="chat-title">
      <title>Messages · CareLine</title>
      <h1 id="chat-title" className="visually-hidden">
        Messages
      </h1>
      <ConversationList />
      {userId ? (
        <ThreadView key={userId} partnerId={userId} headerActions={threadActions?.(userId)} />
      ) : (
        <div className="thread thread-empty">
          <p>Choose a conversation to read and reply.</p>
        </div>
      )}
    </section>
  );
}
