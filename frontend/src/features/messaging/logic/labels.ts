import type { Message } from '@telehealth/shared';
import { formatClockDuration } from '../../../lib/format-duration';

/** The line a call leaves in the thread: "Video call · 4:12", "Missed call", "Declined call". */
export function callLabel(call: NonNullable<Message['call']>): string {
  switch (call.outcome) {
    case 'completed':
      return `Video call · ${formatClockDuration(call.durationSeconds)}`;
    case 'missed':
      return 'Missed call';
    case 'rejected':
      return 'Declined call';
  }
}

/** What the conversation list shows of the last message: never more than a line. */
export function previewText(message: Message, myId: string): string {
  const mine = message.senderId === myId ? 'You: ' : '';
  if (message.kind === 'call' && message.call) return callLabel(message.call);
  if (message.deleted) return 'Message deleted';
  // the server wrote it, whichever of the two it is filed under: no "You: "
  if (message.kind === 'system') return message.text;
  const text = message.text.replace(/\s+/g, ' ').trim();
  if (text) return mine + (text.length > 80 ? `${text.slice(0, 79)}…` : text);
  if (message.attachment)
    return `${mine}${message.attachment.mimeType.startsWith('image/') ? 'Photo' : 'File'}: ${message.attachment.name}`;
  return '';
}

/** A desktop alert's title: who wrote, never what (the screen may be seen by others). */
export function alertTitle(senderName: string | undefined): string {
  return senderName ? `New message from ${senderName}` : 'New message';
}

/** A new message, told the way the app's notifications want it (features/notifications, wired by the app). */
export interface MessageAlert {
  /** the message's id: the same message is told once */
  id: string;
  title: string;
  /** one per sender: their newer alert replaces the older one in the system tray */
  tag: string;
}

/** The alert for a message from `senderName`: who wrote, never what. */
export function messageAlert(message: Pick<Message, 'id' | 'senderId'>, senderName: string | undefined): MessageAlert {
  return { id: message.id, title: alertTitle(senderName), tag: `careline-message-${message.senderId}` };
}

/** "2.4 MB", "312 KB": a file size for people. */
export function formatFileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}
