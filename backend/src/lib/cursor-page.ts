import mongoose, { Types } from 'mongoose';

/*
 * Lists are paged newest first by `_id`: the cursor is the last id shown, so a page stays put
 * while rows are added ahead of it. A page reads one row more than it shows; that row, if it
 * came, says another page follows.
 */

/** The rows after the cursor (older ids); every row on the first page. */
export function afterCursor(cursor: string | undefined): Record<string, unknown> {
  return cursor ? { _id: mongoose.trusted({ $lt: new Types.ObjectId(cursor) }) } : {};
}

/** The find options of a page: newest first, one row past the page. */
export function pageWindow(limit: number) {
  return { sort: { _id: -1 as const }, limit: limit + 1 };
}

/** Splits rows read with `pageWindow` into the page and the next page's cursor (null: none follows). */
export function splitPage<T extends { _id: Types.ObjectId }>(rows: T[], limit: number): { page: T[]; nextCursor: string | null } {
  const page = rows.slice(0, limit);
  return { page, nextCursor: rows.length > limit ? page.at(-1)!._id.toString() : null };
}
