import { AVATAR_MAX_BYTES } from '@telehealth/shared';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../lib/api-client';
import { avatarFileProblem, checkAvatarFile, describeAvatarError } from './avatar-file';

describe('avatarFileProblem', () => {
  it('accepts png, jpeg and webp pictures up to the cap the server enforces', () => {
    expect(avatarFileProblem({ detectedType: 'image/png', size: 1000 })).toBeNull();
    expect(avatarFileProblem({ detectedType: 'image/webp', size: AVATAR_MAX_BYTES })).toBeNull();
  });

  it('refuses other formats, empty files and pictures over 2 MB (the server cap, not 10 MB)', () => {
    expect(avatarFileProblem({ detectedType: 'image/gif', size: 1000 })).toMatch(/not a photo. Choose a PNG, JPEG or WebP image/);
    expect(avatarFileProblem({ detectedType: null, size: 1000 })).toMatch(/not a photo/);
    expect(avatarFileProblem({ detectedType: 'image/jpeg', size: 3 * 1024 * 1024 })).toBe(
      'This picture is larger than 2 MB. Choose a smaller one.',
    );
    expect(avatarFileProblem({ detectedType: 'image/jpeg', size: 0 })).toBe('This file is empty.');
  });
});

describe('checkAvatarFile', () => {
  it('goes by the bytes, not the name', async () => {
    expect(await checkAvatarFile(new File(['not a picture at all'], 'me.png', { type: 'image/png' }))).toMatch(/not a photo/);
    const jpeg = new Uint8Array(64);
    jpeg.set([0xff, 0xd8, 0xff, 0xe0]);
    expect(await checkAvatarFile(new File([jpeg], 'me.txt', { type: 'text/plain' }))).toBeNull();
  });
});

describe('describeAvatarError', () => {
  it('puts 413 and 415 in words, with the shared cap', () => {
    expect(describeAvatarError(new ApiError(413, 'FILE_TOO_LARGE', 'x'))).toBe(
      'This picture is too large. Choose one under 2 MB.',
    );
    expect(describeAvatarError(new ApiError(415, 'UNSUPPORTED_FILE_TYPE', 'x'))).toMatch(
      /not a photo. Choose a PNG, JPEG or WebP image/,
    );
  });

  it("otherwise uses the server's sentence", () => {
    expect(describeAvatarError(new ApiError(400, 'VALIDATION_FAILED', 'Some fields are not valid'))).toBe(
      'Some fields are not valid',
    );
  });
});
