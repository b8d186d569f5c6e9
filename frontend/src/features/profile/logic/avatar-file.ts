import { ApiError } from '../../../lib/api-client';
import { describeError } from '../../../lib/error-message';

export const AVATAR_TYPES = ['image/png', 'image/jpeg', 'image/webp'] as const;
/** The server's cap (`MAX_UPLOAD_MB`, 10 by default); checked here too so nobody waits for a refusal. */
export const AVATAR_MAX_BYTES = 10 * 1024 * 1024;

/** Why a picked file cannot be an avatar, or null when it can. The server checks again, by content. */
export function avatarFileProblem(file: { type: string; size: number }): string | null {
  if (!(AVATAR_TYPES as readonly string[]).includes(file.type)) return 'Choose a PNG, JPEG or WebP image.';
  if (file.size > AVATAR_MAX_BYTES) return 'This image is larger than 10 MB. Choose a smaller one.';
  if (file.size === 0) return 'This file is empty.';
  return null;
}

/** An upload failure in words; the two the server checks by content get sentences of their own. */
export function describeAvatarError(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.code === 'FILE_TOO_LARGE' || error.status === 413) return 'This image is too large. Choose one under 10 MB.';
    if (error.code === 'UNSUPPORTED_FILE_TYPE' || error.status === 415)
      return 'This file is not a PNG, JPEG or WebP image, whatever its name says. Choose another.';
    if (error.status === 404) return 'Changing your picture is not available yet.';
  }
  return describeError(error);
}
