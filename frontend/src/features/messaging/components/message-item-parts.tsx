import { REACTIONS, type Attachment, type Message, type Reaction } from '@telehealth/shared';
import { useRef } from 'react';
import { useKeepInside } from '../../../lib/keep-inside';
import { AttachmentView } from './attachment-view';
import { LinkifiedText } from './linkified-text';
import type { MessageRowContext } from './message-item';
import { MessageMenu, type MenuItem } from './message-menu';

// The pieces of one message row (message-item.tsx): its quote, body, reactions and actions.
/** The message a reply quotes, as a button that scrolls to the original. */
export function ReplyQuote({ quoted, context }: { quoted: NonNullable<Message['replyTo']>; context: MessageRowContext }) {
  return (
    // The visible quote is the button's name, with words around it for screen readers.
    <button type="button" className="reply-quote" onClick={() => context.onJump(quoted.id)}>
      <span className="reply-quote-author">
        <span className="visually-hidden">Reply to </span>
        {quoted.senderId === context.myId ? 'You' : context.partnerName}
        <span className="visually-hidden">: </span>
      </span>
      <span className="reply-quote-text">
        {quoted.deleted ? 'Message deleted' : quoted.text}
        <span className="visually-hidden">. Show the original message</span>
      </span>
    </button>
  );
}

interface MessageBodyProps {
  message: Message;
  /** stored by the server (not still in the outbox) */
  stored: boolean;
  progress: number | undefined;
  onOpenImage: (attachment: Attachment) => void;
}

/** What was written: the file (or its upload's progress) and the text; "Message deleted" once deleted. */
export function MessageBody({ message, stored, progress, onOpenImage }: MessageBodyProps) {
  if (message.deleted) return <p className="message-deleted">Message deleted</p>;
  return (
    <>
      {message.attachment && stored && <AttachmentView attachment={message.attachment} onOpenImage={onOpenImage} />}
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
  );
}

/** Each reaction with how many gave it; pressing one adds or takes back your own. */
export function ReactionCounts({
  reactions,
  myId,
  onReact,
}: {
  reactions: Message['reactions'];
  myId: string;
  onReact: (emoji: Reaction) => void;
}) {
  if (reactions.length === 0) return null;
  return (
    <ul className="reaction-counts" aria-label="Reactions">
      {reactions.map((reaction) => {
        const minePressed = reaction.userIds.includes(myId);
        return (
          <li key={reaction.emoji}>
            <button
              type="button"
              className="reaction-count"
              aria-pressed={minePressed}
              aria-label={`${reaction.emoji} ${reaction.userIds.length}${minePressed ? ', including you' : ''}`}
              onClick={() => onReact(reaction.emoji as Reaction)}
            >
              {reaction.emoji} {reaction.userIds.length}
            </button>
          </li>
        );
      })}
    </ul>
  );
}

interface MessageActionsProps {
  message: Message;
  context: MessageRowContext;
  pickerOpen: boolean;
  onTogglePicker: () => void;
  onClosePicker: () => void;
  onReact: (emoji: Reaction) => void;
  /** the "More actions" menu, on your own messages only */
  menuItems: MenuItem[] | null;
}

/** Reply, React (with its picker) and, on your own messages, the "More actions" menu. */
export function MessageActions({
  message,
  context,
  pickerOpen,
  onTogglePicker,
  onClosePicker,
  onReact,
  menuItems,
}: MessageActionsProps) {
  const pickerRef = useRef<HTMLDivElement>(null);
  useKeepInside(pickerRef, pickerOpen, '.thread');
  return (
    <div className="message-actions">
      <button type="button" className="message-action" onClick={() => context.onReply(message)}>
        Reply
      </button>
      <button type="button" className="message-action" aria-expanded={pickerOpen} onClick={onTogglePicker}>
        React
      </button>
      {menuItems && <MessageMenu label="More actions" items={menuItems} />}
      {pickerOpen && (
        <div
          ref={pickerRef}
          className="reaction-picker"
          role="group"
          aria-label="Choose a reaction"
          onKeyDown={(event) => {
            if (event.key === 'Escape') onClosePicker();
          }}
        >
          {REACTIONS.map((emoji) => (
            <button
              key={emoji}
              type="button"
              aria-pressed={message.reactions.some(
                (reaction) => reaction.emoji === emoji && reaction.userIds.includes(context.myId),
              )}
              onClick={() => onReact(emoji)}
            >
              {emoji}
            </button>
          ))}
        </div>
      )}
    </div>
  );
}
