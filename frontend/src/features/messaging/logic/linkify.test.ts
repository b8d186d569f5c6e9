import { describe, expect, it } from 'vitest';
import { linkify } from './linkify';

describe('linkify', () => {
  it('turns http and https addresses into links and leaves the rest as text', () => {
    expect(linkify('See https://example.org/a?b=1 and http://x.test.')).toEqual([
      { type: 'text', text: 'See ' },
      { type: 'link', text: 'https://example.org/a?b=1', href: 'https://example.org/a?b=1' },
      { type: 'text', text: ' and ' },
      { type: 'link', text: 'http://x.test', href: 'http://x.test/' },
      { type: 'text', text: '.' },
    ]);
  });

  it('never links javascript:, data: or other schemes', () => {
    for (const text of [
      'javascript:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'file:///etc/passwd',
      'ftp://x.test',
    ]) {
      expect(linkify(text)).toEqual([{ type: 'text', text }]);
    }
  });

  it('keeps HTML as the characters it is', () => {
    const text = '<img src=x onerror=alert(1)>';
    expect(linkify(text)).toEqual([{ type: 'text', text }]);
  });

  it('does not swallow quotes or angle brackets around an address', () => {
    expect(linkify('"https://a.test/x"<b>').filter((segment) => segment.type === 'link')).toEqual([
      { type: 'link', text: 'https://a.test/x', href: 'https://a.test/x' },
    ]);
  });

  it('keeps a closing parenthesis that belongs to the address', () => {
    const [link] = linkify('https://en.wikipedia.org/wiki/Bash_(Unix_shell)');
    expect(link).toMatchObject({ type: 'link', text: 'https://en.wikipedia.org/wiki/Bash_(Unix_shell)' });
  });

  it('answers nothing for empty text', () => {
    expect(linkify('')).toEqual([]);
  });
});
