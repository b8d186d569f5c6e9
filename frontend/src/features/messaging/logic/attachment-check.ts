import { ALLOWED_FILE_TYPES, ATTACHMENT_MAX_BYTES } from '@telehealth/shared';
import { formatFileSize } from './labels';

/** What a file is, as its first bytes say (its name and the type the browser guessed from it do not count). */
export interface SniffedFile {
  /** the detected MIME type, or null when the bytes match no known format (text, for one) */
  detectedType: string | null;
  /** the detected extension, for naming an unsupported photo format ("heic") */
  detectedExtension: string | null;
  size: number;
}

/** "10 MB": a cap in the words people use for it. */
export function limitInWords(bytes: number): string {
  return `${Math.round(bytes / (1024 * 1024))} MB`;
}

/**
 * Why a file cannot be sent, or null if it can: the server's own rule (shared/), judged on the
 * same evidence (the bytes), so the browser refuses exactly what the server would, before uploading.
 */
export function attachmentProblem(file: SniffedFile, maxBytes = ATTACHMENT_MAX_BYTES): string | null {
  if (file.size === 0) return 'This file is empty.';
  if (!(ALLOWED_FILE_TYPES as readonly string[]).includes(file.detectedType ?? '')) {
    // A photo in a format phones use but the clinic cannot show (HEIC): say what to do instead.
    if (file.detectedType?.startsWith('image/') && file.detectedExtension)
      return `Photos in ${file.detectedExtension.toUpperCase()} format cannot be sent. Send a PNG, JPEG, WebP or GIF photo, or a PDF, up to ${limitInWords(maxBytes)}.`;
    return `This file is not a photo or a PDF, so it cannot be sent. You can send photos and PDFs up to ${limitInWords(maxBytes)}.`;
  }
  if (file.size > maxBytes) return `This file is ${formatFileSize(file.size)}; files can be up to ${limitInWords(maxBytes)}.`;
  return null;
}

/** Reads a file's first bytes to tell what it really is (file-type, as the server does); loaded on first use. */
export async function sniffFile(file: Blob): Promise<SniffedFile> {
  const { fileTypeFromBlob } = await import('file-type');
  const detected = await fileTypeFromBlob(file).catch(() => undefined);
  return { detectedType: detected?.mime ?? null, detectedExtension: detected?.ext ?? null, size: file.size };
}

/** The check the composer runs when a file is attached: null, or the sentence that refuses it. */
export async function checkAttachment(file: Blob): Promise<string | null> {
  if (file.size === 0) return attachmentProblem({ detectedType: null, detectedExtension: null, size: 0 });
  return attachmentProblem(await sniffFile(file));
}
