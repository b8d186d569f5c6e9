import { ALLOWED_FILE_TYPES } from '@telehealth/shared';

/** The server's default cap (`MAX_UPLOAD_MB`); the server checks again, this only saves a wasted upload. */
export const MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024;

/**
 * Why a file cannot be sent, or null if it can. The browser's declared type is only a first
 * check; the server decides by the file's bytes.
 */
export function attachmentProblem(file: { type: string; size: number }, maxBytes = MAX_ATTACHMENT_BYTES): string | null {
  if (!(ALLOWED_FILE_TYPES as readonly string[]).includes(file.type)) return 'Only images (PNG, JPEG, WebP, GIF) and PDF files can be sent.';
  if (file.size === 0) return 'This file is empty.';
  if (file.size > maxBytes) return `This file is too large: the limit is ${Math.round(maxBytes / (1024 * 1024))} MB.`;
  return null;
}
