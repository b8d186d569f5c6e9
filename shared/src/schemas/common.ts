import { z } from 'zod';

/** A Mongo ObjectId as the API carries it: 24 hex characters. */
export const objectIdSchema = z.string().regex(/^[a-f0-9]{24}$/i, 'must be an id');

export const idParamsSchema = z.strictObject({ id: objectIdSchema });

/** Cursor pagination shared by every growing list. */
export const paginationQuerySchema = z.strictObject({
  limit: z.coerce.number().int().min(1).max(100).default(50),
  cursor: z.string().max(200).optional(),
});

/**
 * Lists ordered by id (newest first) take the last id of the previous page as their cursor, so a
 * cursor that is not an id is a 400 naming `cursor` rather than a query.
 */
export const idCursorQuerySchema = paginationQuerySchema.extend({ cursor: objectIdSchema.optional() });

/** Free text a user types into a search box: capped so no query is expensive. */
export const searchTextSchema = z.string().trim().max(100);

export const emailSchema = z
  .email('must be an email address')
  .max(254)
  .transform((value) => value.toLowerCase());
export const passwordSchema = z.string().min(8, 'must be at least 8 characters').max(128);
export const nameSchema = z.string().trim().min(1, 'is required').max(80);
