import { ATTACHMENT_MAX_BYTES } from '@telehealth/shared';
import { describe, expect, it } from 'vitest';
import { attachmentProblem, checkAttachment } from './attachment-check';

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52];
const png = (name: string) =>
  new File([new Uint8Array([...PNG_SIGNATURE, ...new Array<number>(64).fill(0)])], name, { type: 'image/png' });

describe('attachmentProblem', () => {
  it('accepts photos and PDFs, by what their bytes are, up to the shared limit', () => {
    expect(attachmentProblem({ detectedType: 'image/png', detectedExtension: 'png', size: 1000 })).toBeNull();
    expect(
      attachmentProblem({ detectedType: 'application/pdf', detectedExtension: 'pdf', size: ATTACHMENT_MAX_BYTES }),
    ).toBeNull();
  });

  it('refuses anything else in a sentence a patient understands, with no MIME types in it', () => {
    const notAPhoto = 'This file is not a photo or a PDF, so it cannot be sent. You can send photos and PDFs up to 10 MB.';
    expect(attachmentProblem({ detectedType: null, detectedExtension: null, size: 10 })).toBe(notAPhoto);
    expect(attachmentProblem({ detectedType: 'application/x-msdownload', detectedExtension: 'exe', size: 10 })).toBe(notAPhoto);
    expect(attachmentProblem({ detectedType: 'image/heic', detectedExtension: 'heic', size: 10 })).toBe(
      'Photos in HEIC format cannot be sent. Send a PNG, JPEG, WebP or GIF photo, or a PDF, up to 10 MB.',
    );
    expect(attachmentProblem({ detectedType: 'image/png', detectedExtension: 'png', size: 0 })).toBe('This file is empty.');
  });

  it('says the size limit in plain words', () => {
    expect(attachmentProblem({ detectedType: 'image/jpeg', detectedExtension: 'jpg', size: 12.5 * 1024 * 1024 })).toBe(
      'This file is 12.5 MB; files can be up to 10 MB.',
    );
  });
});

describe('checkAttachment', () => {
  it('reads the first bytes: a real PNG passes whatever its name, text named .png and a program named .pdf do not', async () => {
    expect(await checkAttachment(png('scan.jpeg'))).toBeNull();
    expect(await checkAttachment(new File(['just some notes'], 'photo.png', { type: 'image/png' }))).toMatch(
      /not a photo or a PDF/,
    );
    const program = new Uint8Array(256);
    program.set([0x4d, 0x5a]); // "MZ": a Windows program
    expect(await checkAttachment(new File([program], 'results.pdf', { type: 'application/pdf' }))).toMatch(
      /not a photo or a PDF/,
    );
    expect(await checkAttachment(new File([], 'empty.png', { type: 'image/png' }))).toBe('This file is empty.');
  });
});
