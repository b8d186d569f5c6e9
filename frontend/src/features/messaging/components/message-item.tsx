import { EDIT_WINDOW_MS, type Attachment, type Message, type Reaction } from '@telehealth/shared';
import { useState } from 'react';
import { ConfirmDialog } from '../../../components/ui/confirm-dialog';
import { useMessages } from '../context/message-context';
import { dayLabel, localDayKey, startsNewDay } from '../logic/days';
import { callLabel } from '../logic/labels';
import type { DeliveryStatus, OutboxEntry, ThreadItem } from '../logic/outbox';
import { InstructionsLabel, InstructionsStatus } from './instructions-parts';
import { MessageActions, MessageBody, ReactionCounts, ReplyQuote } from './message-item-parts';
import { SystemLine } from './system-line';

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

function DaySeparator({ createdAt }: { createdAt: string }) {
  return (
    <p className="day-separator">
      <time dateTime={localDayKey(createdAt)}>{dayLabel(createdAt)}</time>
    </p>
  );
}

/** A call's trace in the thread: "Video call · 4 min" and when. */
function CallLine({ message, call }: { message: Message; call: NonNullable<Message['call']> }) {
  return (
    <p className="call-line">
      {callLabel(call)}
      <span className="call-line-time"> · {timeFormat.format(new Date(message.createdAt))}</span>
    </p>
  );
}

function canEdit(message: Message, myId: string): boolean {
  return (
    message.senderId === myId &&
    message.kind === 'text' &&
    !message.deleted &&
    // the server refuses to change what the patient already confirmed (409)
    !message.instructions?.confirmedAt &&
    Date.now() - Date.parse(message.createdAt) < EDIT_WINDOW_MS
  );
}

/**
 * What was said and how it stands: who wrote it (for screen readers), the instructions mark, the
 * quote, the text or file, time and ticks, reactions, and whether instructions were understood.
 */
function MessageBubble({
  item,
  context,
  onReact,
}: {
  item: ThreadItem;
  context: MessageRowContext;
  onReact: (emoji: Reaction) => void;
}) {
  const { message, status, pending } = item;
  const stored = pending === null;
  return (
    <div className="message-bubble">
      <span className="visually-hidden">{message.senderId === context.myId ? 'You' : context.partnerName}: </span>
      {message.instructions && !message.deleted && <InstructionsLabel />}
      {message.replyTo && <ReplyQuote quoted={message.replyTo} context={context} />}
      <MessageBody
        message={message}
        stored={stored}
        progress={context.uploadProgress[message.clientId]}
        onOpenImage={context.onOpenImage}
      />
      <p className="message-meta">
        <time dateTime={message.createdAt}>{timeFormat.format(new Date(message.createdAt))}</time>
        {message.editedAt && !message.deleted && <span className="message-edited">edited</span>}
        {status && <DeliveryTicks status={status} />}
      </p>
      <ReactionCounts reactions={message.reactions} myId={context.myId} onReact={onReact} />
      {stored && <InstructionsStatus message={message} myId={context.myId} onReply={context.onReply} onError={context.onError} />}
    </div>
  );
}

/** One message in the thread: its day separator, quote, text or file, reactions, ticks and actions. */
export function MessageItem({ item, previous, context }: MessageItemProps) {
  const { actions } = useMessages();
  const [pickerOpen, setPickerOpen] = useState(false);
  const [confirmingDelete, setConfirmingDelete] = useState(false);
  const { message, pending } = item;
  const mine = message.senderId === context.myId;
  const stored = pending === null;
  const separator = startsNewDay(previous?.message.createdAt, message.createdAt) && (
    <DaySeparator createdAt={message.createdAt} />
  );

  if (message.kind === 'call' && message.call) {
    return (
      <div className="message-row" data-message-id={message.id}>
        {separator}
        <CallLine message={message} call={message.call} />
      </div>
    );
  }

  if (message.kind === 'system') {
    return (
      <div className="message-row" data-message-id={message.id}>
        {separator}
        <SystemLine message={message} highlighted={context.highlightedId === message.id} />
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
  const highlighted = context.highlightedId === message.id;
  const instructions = message.instructions && !message.deleted;
  const rowClass = `message ${mine ? 'message-mine' : 'message-theirs'}${instructions ? ' message-instructions' : ''}`;

  return (
    <div className="message-row" data-message-id={message.id}>
      {separator}
      <div className={`${rowClass}${highlighted ? ' message-highlighted' : ''}`}>
        <MessageBubble item={item} context={context} onReact={react} />
        {stored && !message.deleted && (
          <MessageActions
            message={message}
            context={context}
            pickerOpen={pickerOpen}
            onTogglePicker={() => setPickerOpen((open) => !open)}
            onClosePicker={() => setPickerOpen(false)}
            onReact={react}
            menuItems={mine ? menuItems : null}
          />
        )}
        {confirmingDelete && (
          <DeleteForEveryone
            messageId={message.id}
            partnerName={context.partnerName}
            onClose={() => setConfirmingDelete(false)}
            onDeleted={context.onDeleted}
          />
        )}
        {pending?.state === 'failed' && <NotSentNotice entry={pending} onRestore={context.onRestore} />}
      </div>
    </div>
  );
}

/** Deleting removes the message for both people and cannot be undone: asked once. */
function DeleteForEveryone({
  messageId,
  partnerName,
  onClose,
  onDeleted,
}: {
  messageId: string;
  partnerName: string;
  onClose: () => void;
  onDeleted: () => void;
}) {
  const { actions } = useMessages();
  return (
    <ConfirmDialog
      title="Delete for everyone?"
      confirmLabel="Delete for everyone"
      tone="danger"
      onClose={onClose}
      onConfirm={async () => {
        await actions.remove(messageId);
        onClose();
        onDeleted();
      }}
    >
      <p>{partnerName} will no longer see this message. This cannot be undone.</p>
    </ConfirmDialog>
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
