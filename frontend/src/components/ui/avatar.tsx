import { useState, type ReactNode } from 'react';

/** "Dr. Grace Hopper" → "GH"; the title is not part of anyone's initials. */
export function initialsOf(name: string): string {
  const words = name
    .replace(/^Dr\.?\s+/i, '')
    .trim()
    .split(/\s+/)
    .filter(Boolean);
  const letters = words.length > 1 ? [words[0], words[words.length - 1]] : words;
  return letters.map((word) => word!.charAt(0).toUpperCase()).join('') || '?';
}

interface AvatarProps {
  name: string;
  avatarUrl?: string | null;
  size?: 'small' | 'medium' | 'large';
  /** drawn over the picture, e.g. a presence dot */
  children?: ReactNode;
}

/**
 * A person's picture, or their initials when they have none. Decorative (alt=""): wherever an avatar
 * appears the person's name is written beside it, so a screen reader would only hear it twice.
 */
export function Avatar({ name, avatarUrl, size = 'medium', children }: AvatarProps) {
  // A picture that will not load (removed, or the session ended) falls back to the initials, not a broken image.
  const [brokenUrl, setBrokenUrl] = useState<string | null>(null);
  const showPicture = avatarUrl && avatarUrl !== brokenUrl;
  return (
    <span className={`avatar avatar-${size}`} aria-hidden="true">
      {showPicture ? (
        <img className="avatar-picture" src={avatarUrl} alt="" onError={() => setBrokenUrl(avatarUrl)} />
      ) : (
        initialsOf(name)
      )}
      {children}
    </span>
  );
}
