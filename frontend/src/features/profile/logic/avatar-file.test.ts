import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../lib/api-client';
import { avatarFileProblem, describeAvatarError } from './avatar-file';

describe('avatarFileProblem', () => {
  it('accepts png, jpeg and webp images under the cap', () => {
    expect(avatarFileProblem({ type: 'image/png', size: 1000 })).toBeNull();
    expect(avatarFileProblem({ type: 'image/webp', size: 1000 })).toBeNull();
  });

  it('refuses other types, empty files and files over 10 MB', () => {
    expect(avatarFileProblem({ type: 'image/gif', size: 1000 })).toBe('Choose a PNG, JPEG or WebP image.');
    expect(avatarFileProblem({ type: 'image/jpeg', size: 11 * 1024 * 1024 })).toMatch(/larger than 10 MB/);
    expect(avatarFileProblem({ type: 'image/jpeg', size: 0 })).toBe('This file is empty.');
  });
});

describe('describeAvatarError', () => {
  it('puts 413 and 415 in words', () => {
    expect(describeAvatarError(new ApiError(413, 'FILE_TOO_LARGE', 'x'))).toBe(
      'This image is too large. Choose one under 10 MB.',
    );
    expect(describeAvatarError(new ApiError(415, 'UNSUPPORTED_FILE_TYPE', 'x'))).toMatch(/not a PNG, JPEG or WebP/);
  });

  it("otherwise uses the server's sentence", () => {
    expect(describeAvatarError(new ApiError(400, 'VALIDATION_FAILED', 'Some fields are not valid'))).toBe(
      'Some fields are not valid',
    );
  });
});
