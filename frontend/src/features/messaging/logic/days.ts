/** The local calendar day of an ISO time, as `YYYY-MM-DD`: messages are grouped by the reader's day. */
export function localDayKey(iso: string): string {
  const date = new Date(iso);
  const month = String(date.getMonth() + 1).padStart(2, '0');
  const day = String(date.getDate()).padStart(2, '0');
  return `${date.getFullYear()}-${month}-${day}`;
}

/** Whether a day separator goes above this message: the first message, or the first of a new day. */
export function startsNewDay(previousIso: string | undefined, iso: string): boolean {
  return previousIso === undefined || localDayKey(previousIso) !== localDayKey(iso);
}

/** "Today", "Yesterday", or the date in the reader's language. */
export function dayLabel(iso: string, now: Date = new Date()): string {
  const key = localDayKey(iso);
  if (key === localDayKey(now.toISOString())) return 'Today';
  const yesterday = new Date(now);
  yesterday.setDate(now.getDate() - 1);
  if (key === localDayKey(yesterday.toISOString())) return 'Yesterday';
  const date = new Date(iso);
  return date.toLocaleDateString(undefined, {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    ...(date.getFullYear() === now.getFullYear() ? {} : { year: 'numeric' }),
  });
}
