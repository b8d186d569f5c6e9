import type { Message } from '@telehealth/shared';

/** `m:ss`, or `h:mm:ss` for an hour or more. */
export function formatDuration(totalSeconds: number): string {
  const seconds = Math.max(0, Math.round(totalSeconds));
  const hours = Math.floor(seconds / 3600);
  const minutes = Math.floor((seconds % 3600) / 60);
  const rest = String(seconds % 60).padStart(2, '0');
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${rest}` : `${minutes}:${rest}`;
}

/** The line a call leaves in the thread: "Video call · 4:12", "Missed call", "Declined call". */
export function callLabel(call: NonNullable<Message['call']>): string {
  switch (call.outcome) {
    case 'completed':
      return `Video call · ${formatDuration(call.durationSeconds)}`;
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
  const text = message.text.replace(/\s+/g, ' ').trim();
  if (text) return mine + (text.length > 80 ? `${text.slice(0, 79)}…` : text);
  if (message.attachment) return `${mine}${message.attachment.mimeType.startsWith('image/') ? 'Photo' : 'File'}: ${message.attachment.name}`;
  return '';
}

/** "(3) Messages · CareLine": the title with the number of messages that came while the tab was hidden. */
export function titleWithUnread(title: string, unread: number): string {
  const base = title.replace(/^\(\d+\) /, '');
  return unread > 0 ? `(${unread}) ${base}` : base;
}

/** A desktop alert's title: who wrote, never what (the screen may be seen by others). */
export function alertTitle(senderName: string | undefined): string {
  return senderName ? `New message from ${senderName}` : 'New message';
}

/** "2.4 MB", "312 KB": a file size for people. */
export function formatFileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}
