import type { ReactNode } from 'react';
import { useParams } from 'react-router-dom';
import { ConversationList } from './conversation-list';
import { ThreadView } from './thread-view';

interface ChatScreenProps {
  /** extra controls for the open thread's header (the app puts the call button here) */
  threadActions?: (partnerId: string) => ReactNode;
  /** extra controls for the conversation list's header (the app puts "Enable desktop alerts" here) */
  listActions?: ReactNode;
  /** shown in place of the composer when not null (the app: a patient's follow-up window has closed) */
  composerNotice?: (partnerId: string) => ReactNode | null;
  /** a quiet line above the composer (the app: until when follow-up questions may be written) */
  composerHint?: (partnerId: string) => ReactNode | null;
}

/**
 * `/messages` and `/messages/:userId`: the conversation list beside the open thread. On a narrow
 * screen one of the two shows at a time. The page that shows it owns the document title.
 */
export default function ChatScreen({ threadActions, listActions, composerNotice, composerHint }: ChatScreenProps) {
  const { userId } = useParams();
  return (
    <section className="chat-screen" data-thread-open={userId ? 'true' : 'false'} aria-labelledby="chat-title">
      <h1 id="chat-title" className="visually-hidden">
        Messages
      </h1>
      <ConversationList headerActions={listActions} />
      {userId ? (
        <ThreadView
          key={userId}
          partnerId={userId}
          headerActions={threadActions?.(userId)}
          composerNotice={composerNotice?.(userId) ?? null}
          composerHint={composerHint?.(userId) ?? null}
        />
      ) : (
        <div className="thread thread-empty">
          <p>Choose a conversation to read and reply.</p>
        </div>
      )}
    </section>
  );
}
