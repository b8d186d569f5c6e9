import { AVATAR_FILE_TYPES, AVATAR_MAX_BYTES } from '@telehealth/shared';
import { ApiError } from '../../../lib/api-client';
import { describeError } from '../../../lib/error-message';

/** What the file input offers; the check below decides by the bytes, as the server does. */
export const AVATAR_TYPES = AVATAR_FILE_TYPES;

/** "2 MB": the shared cap in the words people use for it. */
export const AVATAR_LIMIT_WORDS = `${Math.round(AVATAR_MAX_BYTES / (1024 * 1024))} MB`;

const NOT_A_PICTURE = 'This file is not a photo. Choose a PNG, JPEG or WebP image.';

/**
 * Why a picked file cannot be an avatar, or null when it can: `detectedType` is what its first bytes
 * say it is (null when they match no picture format), never its name. The limits are the server's (shared/).
 */
export function avatarFileProblem(file: { detectedType: string | null; size: number }): string | null {
  if (file.size === 0) return 'This file is empty.';
  if (!(AVATAR_FILE_TYPES as readonly string[]).includes(file.detectedType ?? '')) return NOT_A_PICTURE;
  if (file.size > AVATAR_MAX_BYTES) return `This picture is larger than ${AVATAR_LIMIT_WORDS}. Choose a smaller one.`;
  return null;
}

/** Reads the file's first bytes (file-type, as the server does; loaded on first use) and checks it. */
export async function checkAvatarFile(file: Blob): Promise<string | null> {
  if (file.size === 0) return avatarFileProblem({ detectedType: null, size: 0 });
  const { fileTypeFromBlob } = await import('file-type');
  const detected = await fileTypeFromBlob(file).catch(() => undefined);
  return avatarFileProblem({ detectedType: detected?.mime ?? null, size: file.size });
}

/** An upload failure in words; the two the server checks by content get sentences of their own. */
export function describeAvatarError(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.code === 'FILE_TOO_LARGE' || error.status === 413)
      return `This picture is too large. Choose one under ${AVATAR_LIMIT_WORDS}.`;
    if (error.code === 'UNSUPPORTED_FILE_TYPE' || error.status === 415) return NOT_A_PICTURE;
    if (error.status === 404) return 'Changing your picture is not available yet.';
  }
  return describeError(error);
}
