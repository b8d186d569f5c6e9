import type { PublicUser } from '@telehealth/shared';
import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { Avatar } from '../../../components/ui/avatar';
import { FormAlert } from '../../../components/ui/form-alert';

// The pieces of a thread (thread-view.tsx): its header and the notes shown instead of, or above, it.
interface ThreadHeaderProps {
  partner: PublicUser | null;
  /** the partner could not be loaded: the title stops saying "Loading…" */
  partnerError: string | null;
  isOnline: boolean;
  /** the call button's slot, left out where nobody may call */
  headerActions: ReactNode;
}

/** Back to the list, who the thread is with, whether they are online, and the call slot. */
export function ThreadHeader({ partner, partnerError, isOnline, headerActions }: ThreadHeaderProps) {
  return (
    <header className="thread-header">
      <Link to="/messages" className="thread-back">
        <span aria-hidden="true">← </span>All conversations
      </Link>
      {partner && <Avatar name={partner.name} avatarUrl={partner.avatarUrl} />}
      <div className="thread-who">
        <h2 id="thread-title" className="thread-title">
          {partner?.name ?? (partnerError ? 'Conversation' : 'Loading…')}
        </h2>
        <p className="thread-presence" data-online={isOnline}>
          <span className="presence-dot" aria-hidden="true" />
          {isOnline ? 'Online' : 'Offline'}
        </p>
      </div>
      {headerActions && <div className="thread-header-actions">{headerActions}</div>}
    </header>
  );
}

/** In place of the composer when the server refused the thread: why, and how to be allowed. */
function NotAllowedNote({ partnerName }: { partnerName: string | undefined }) {
  return (
    <p className="thread-not-allowed" role="status">
      You cannot message {partnerName ?? 'this person'} here. A patient and a doctor can write and call each other once the doctor
      has taken a consultation with the patient; to talk to this doctor, ask for a consultation from your home page.
    </p>
  );
}

/** While offline: what is sent now waits in the outbox. */
function OfflineNote() {
  return (
    <p className="thread-offline" role="status">
      You are offline. Messages you send now go out when the connection is back.
    </p>
  );
}

interface ThreadNoticesProps {
  notAllowed: boolean;
  /** the partner's name, once known */
  partnerName: string | undefined;
  online: boolean;
  error: string | null;
  /** Try again, while the thread could not be loaded */
  onRetry: (() => void) | null;
}

/** Above the messages: a refused thread, being offline, and what went wrong (with Try again). */
export function ThreadNotices({ notAllowed, partnerName, online, error, onRetry }: ThreadNoticesProps) {
  return (
    <>
      {notAllowed && <NotAllowedNote partnerName={partnerName} />}
      {!online && <OfflineNote />}
      <FormAlert message={error} />
      {onRetry && (
        <button type="button" className="button button-quiet" onClick={onRetry}>
          Try again
        </button>
      )}
    </>
  );
}

/** Who else is typing; the live region stays in the page, empty, so the words are announced. */
export function TypingIndicator({ partnerName, typing }: { partnerName: string; typing: boolean }) {
  return (
    <p className="typing-indicator" role="status">
      {typing ? `${partnerName} is typing…` : ''}
    </p>
  );
}

export function LoadingMessages() {
  return (
    <p className="thread-loading" role="status">
      Loading messages…
    </p>
  );
}
