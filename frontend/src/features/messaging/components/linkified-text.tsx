import { linkify } from '../logic/linkify';

/**
 * Message text as text: markup shows as the characters typed, and only http(s) addresses become
 * links, opened in a new tab that cannot reach back into this one.
 */
export function LinkifiedText({ text }: { text: string }) {
  return (
    <>
      {linkify(text).map((segment, index) =>
        segment.type === 'link' ? (
          <a key={index} href={segment.href} target="_blank" rel="noopener noreferrer">
            {segment.text}
          </a>
        ) : (
          <span key={index}>{segment.text}</span>
        ),
      )}
    </>
  );
}
