import { EDIT_WINDOW_MS, REACTIONS, type Attachment, type Message, type Reaction } from '@telehealth/shared';
import { useRef, useState } from 'react';
import { useKeepInside } from '../../../lib/keep-inside';
import { ConfirmDialog } from '../../../components/ui/confirm-dialog';
import { useMessages } from '../context/message-context';
import { dayLabel, localDayKey, startsNewDay } from '../logic/days';
import { callLabel } from '../logic/labels';
import type { DeliveryStatus, OutboxEntry, ThreadItem } from '../logic/outbox';
import { AttachmentView } from './attachment-view';
import { LinkifiedText } from './linkified-text';
import { MessageMenu } from './message-menu';

/** What every row needs from the thread around it. */
export interface MessageRowContext {
  myId: string;
  partnerName: string;
  highlightedId: string | null;
  uploadProgress: Record<string, number>;
  onReply: (message: Message) => void;
  onEdit: (message: Message) => void;
  onDeleted: () => void;
  onJump: (messageId: string) => void;
  onOpenImage: (attachment: Attachment) => void;
  onError: (error: unknown) => void;
  /** a refused message's text (and file) back into the composer, to change and send again */
  onRestore: (entry: OutboxEntry) => void;
}

interface MessageItemProps {
  item: ThreadItem;
  previous: ThreadItem | undefined;
  context: MessageRowContext;
}

const timeFormat = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });

/** ✓ sent, ✓✓ read, with the words for screen readers. */
function DeliveryTicks({ status }: { status: DeliveryStatus }) {
  switch (status) {
    case 'sending':
      return (
        <span className="message-status" data-status="sending">
          <span aria-hidden="true">◷</span> Sending…
        </span>
      );
    case 'failed':
      // The words are in the notice under the bubble ("Not sent: …"); here only the mark.
      return (
        <span className="message-status" data-status="failed" aria-hidden="true">
          !
        </span>
      );
    case 'sent':
      return (
        <span className="message-status" data-status="sent">
          <span aria-hidden="true">✓</span>
          <span className="visually-hidden">Sent</span>
        </span>
      );
    case 'read':
      return (
        <span className="message-status" data-status="read">
          <span aria-hidden="true">✓✓</span>
          <span className="visually-hidden">Read</span>
        </span>
      );
  }
}

function canEdit(message: Message, myId: string): boolean {
  return message.senderId === myId && message.kind === 'text' && !message.deleted && Date.now() - Date.parse(message.createdAt) < EDIT_WINDOW_MS;
}

/** One message in the thread: its day separator, quote, text or file, reactions, ticks and actions. */
export function MessageItem({ item, previous, context }: MessageItemProps) {
  const { actions } = useMessages();
  const [pickerOpen, setPickerOpen] = useState(false);
  const [confirmingDelete, setConfirmingDelete] = useState(false);
  const pickerRef = useRef<HTMLDivElement>(null);
  useKeepInside(pickerRef, pickerOpen, '.thread');
  const { message, status, pending } = item;
  const mine = message.senderId === context.myId;
  const stored = pending === null;
  const newDay = startsNewDay(previous?.message.createdAt, message.createdAt);
  const separator = newDay && (
    <p className="day-separator">
      <time dateTime={localDayKey(message.createdAt)}>{dayLabel(message.createdAt)}</time>
    </p>
  );

  if (message.kind === 'call' && message.call) {
    return (
      <div className="message-row" data-message-id={message.id}>
        {separator}
        <p className="call-line">
          {callLabel(message.call)}
          <span className="call-line-time"> · {timeFormat.format(new Date(message.createdAt))}</span>
        </p>
      </div>
    );
  }

  const react = (emoji: Reaction) => {
    setPickerOpen(false);
    actions.react(message.id, emoji).catch(context.onError);
  };
  const menuItems = [
    ...(canEdit(message, context.myId) ? [{ label: 'Edit', onSelect: () => context.onEdit(message) }] : []),
    // Deleting removes it for both people and cannot be undone: ask once.
    { label: 'Delete', onSelect: () => setConfirmingDelete(true) },
  ];
  const progress = context.uploadProgress[message.clientId];
  const highlighted = context.highlightedId === message.id;

  return (
    <div className="message-row" data-message-id={message.id}>
      {separator}
      <div className={`message ${mine ? 'message-mine' : 'message-theirs'}${highlighted ? ' message-highlighted' : ''}`}>
        <div className="message-bubble">
          <span className="visually-hidden">{mine ? 'You' : context.partnerName}: </span>
          {message.replyTo && (
            // The visible quote is the button's name, with words around it for screen readers.
            <button type="button" className="reply-quote" onClick={() => context.onJump(message.replyTo!.id)}>
              <span className="reply-quote-author">
                <span className="visually-hidden">Reply to </span>
                {message.replyTo.senderId === context.myId ? 'You' : context.partnerName}
                <span className="visually-hidden">: </span>
              </span>
              <span className="reply-quote-text">
                {message.replyTo.deleted ? 'Message deleted' : message.replyTo.text}
                <span className="visually-hidden">. Show the original message</span>
              </span>
            </button>
          )}
          {message.deleted ? (
            <p className="message-deleted">Message deleted</p>
          ) : (
            <>
              {message.attachment && stored && <AttachmentView attachment={message.attachment} onOpenImage={context.onOpenImage} />}
              {message.attachment && !stored && (
                <p className="attachment-pending">
                  {message.attachment.name}
                  {progress !== undefined && (
                    <progress className="upload-progress" max={1} value={progress} aria-label={`Uploading ${message.attachment.name}`} />
                  )}
                </p>
              )}
              {message.text && (
                <p className="message-text">
                  <LinkifiedText text={message.text} />
                </p>
              )}
            </>
          )}
          <p className="message-meta">
            <time dateTime={message.createdAt}>{timeFormat.format(new Date(message.createdAt))}</time>
            {message.editedAt && !message.deleted && <span className="message-edited">edited</span>}
            {status && <DeliveryTicks status={status} />}
          </p>
          {message.reactions.length > 0 && (
            <ul className="reaction-counts" aria-label="Reactions">
              {message.reactions.map((reaction) => {
                const minePressed = reaction.userIds.includes(context.myId);
                return (
                  <li key={reaction.emoji}>
                    <button
                      type="button"
                      className="reaction-count"
                      aria-pressed={minePressed}
                      aria-label={`${reaction.emoji} ${reaction.userIds.length}${minePressed ? ', including you' : ''}`}
                      onClick={() => react(reaction.emoji as Reaction)}
                    >
                      {reaction.emoji} {reaction.userIds.length}
                    </button>
                  </li>
                );
              })}
            </ul>
          )}
        </div>
        {stored && !message.deleted && (
          <div className="message-actions">
            <button type="button" className="message-action" onClick={() => context.onReply(message)}>
              Reply
            </button>
            <button type="button" className="message-action" aria-expanded={pickerOpen} onClick={() => setPickerOpen((open) => !open)}>
              React
            </button>
            {mine && <MessageMenu label="More actions" items={menuItems} />}
            {pickerOpen && (
              <div
                ref={pickerRef}
                className="reaction-picker"
                role="group"
                aria-label="Choose a reaction"
                onKeyDown={(event) => {
                  if (event.key === 'Escape') setPickerOpen(false);
                }}
              >
                {REACTIONS.map((emoji) => (
                  <button
                    key={emoji}
                    type="button"
                    aria-pressed={message.reactions.some((reaction) => reaction.emoji === emoji && reaction.userIds.includes(context.myId))}
                    onClick={() => react(emoji)}
                  >
                    {emoji}
                  </button>
                ))}
              </div>
            )}
          </div>
        )}
        {confirmingDelete && (
          <ConfirmDialog
            title="Delete for everyone?"
            confirmLabel="Delete for everyone"
            tone="danger"
            onClose={() => setConfirmingDelete(false)}
            onConfirm={async () => {
              await actions.remove(message.id);
              setConfirmingDelete(false);
              context.onDeleted();
            }}
          >
            <p>{context.partnerName} will no longer see this message. This cannot be undone.</p>
          </ConfirmDialog>
        )}
        {pending?.state === 'failed' && <NotSentNotice entry={pending} onRestore={context.onRestore} />}
      </div>
    </div>
  );
}

/**
 * Under a message the server refused: why, in words, and what can be done. Retry only where it can
 * work; the text (and file) can always go back into the box, so nothing typed is lost.
 */
function NotSentNotice({ entry, onRestore }: { entry: OutboxEntry; onRestore: (entry: OutboxEntry) => void }) {
  const { actions } = useMessages();
  return (
    <div className="message-failed" role="alert">
      <p>Not sent: {entry.error ?? 'the server did not take this message.'}</p>
      <div className="message-failed-actions">
        {entry.retryable !== false && (
          <button type="button" className="button button-quiet button-small" onClick={() => actions.retry(entry.clientId)}>
            Retry
          </button>
        )}
        <button type="button" className="button button-quiet button-small" onClick={() => onRestore(entry)}>
          Move to message box
        </button>
        <button type="button" className="button button-quiet button-small" onClick={() => actions.discard(entry.clientId)}>
          Discard
        </button>
      </div>
    </div>
  );
}
