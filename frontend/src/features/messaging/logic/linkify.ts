/** A piece of message text: plain text, or a link that is safe to open. */
export type TextSegment = { type: 'text'; text: string } | { type: 'link'; text: string; href: string };

// Only what starts with http:// or https:// is a candidate; `javascript:`, `data:` and the rest
// never become links, whatever they look like.
const URL_CANDIDATE = /\bhttps?:\/\/[^\s<>"'`]+/gi;
// Punctuation that usually ends the sentence rather than the address.
const TRAILING_PUNCTUATION = /[.,;:!?)\]}]+$/;

function safeHref(candidate: string): string | null {
  try {
    const url = new URL(candidate);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

/**
 * Splits message text into plain text and http(s) links. The result is rendered as React text
 * and anchors, never as HTML, so markup in a message shows as the characters it is.
 */
export function linkify(text: string): TextSegment[] {
  const segments: TextSegment[] = [];
  let plainStart = 0;
  for (const match of text.matchAll(URL_CANDIDATE)) {
    const start = match.index;
    let candidate = match[0];
    // Keep a closing parenthesis that belongs to the address, as in Wikipedia links.
    const trailing = TRAILING_PUNCTUATION.exec(candidate)?.[0] ?? '';
    if (trailing && !(trailing === ')' && candidate.includes('('))) candidate = candidate.slice(0, -trailing.length);
    const href = safeHref(candidate);
    if (!href) continue;
    if (start > plainStart) segments.push({ type: 'text', text: text.slice(plainStart, start) });
    segments.push({ type: 'link', text: candidate, href });
    plainStart = start + candidate.length;
  }
  if (plainStart < text.length) segments.push({ type: 'text', text: text.slice(plainStart) });
  return segments;
}
