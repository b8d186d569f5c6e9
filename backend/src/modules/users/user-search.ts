import mongoose from 'mongoose';

/** Escapes every regular-expression metacharacter, so typed text only ever matches itself. */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}

/**
 * A filter matching users whose name or specialty contains `search`, literally and in any case.
 * `searchText` holds the lower-cased name and specialty; the text is capped at the edge
 * (`searchTextSchema`), and escaped here, so no search can make the database backtrack.
 */
export function searchFilter(search: string | undefined, alsoEmail = false): Record<string, unknown> {
  const text = search?.trim().toLowerCase();
  if (!text) return {};
  const pattern = escapeRegExp(text);
  if (!alsoEmail) return { searchText: mongoose.trusted({ $regex: pattern }) };
  return { $or: [{ searchText: mongoose.trusted({ $regex: pattern }) }, { email: mongoose.trusted({ $regex: pattern }) }] };
}

/** `searchFilter` for a user already read: the same literal, case-blind match on `searchText`. */
export function matchesSearch(searchText: string, search: string | undefined): boolean {
  const text = search?.trim().toLowerCase();
  return !text || searchText.includes(text);
}
