import { MAX_MESSAGE_LENGTH } from '@telehealth/shared';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../../../lib/api-client';
import { describeRefusal } from './not-sent';

const short = { text: 'Hello' };

describe('describeRefusal', () => {
  it('a refusal the same message would meet again offers no Retry', () => {
    expect(describeRefusal(new ApiError(403, 'FORBIDDEN', 'You cannot message this person'), short)).toEqual({
      reason: 'you can no longer message this person here.',
      retryable: false,
    });
    expect(
      describeRefusal(new ApiError(400, 'VALIDATION_FAILED', 'Some fields are not valid'), {
        text: 'x'.repeat(MAX_MESSAGE_LENGTH + 1),
      }),
    ).toEqual({
      reason: 'the message is longer than 5,000 characters. Shorten it and send it again.',
      retryable: false,
    });
    expect(
      describeRefusal(new ApiError(415, 'UNSUPPORTED_FILE_TYPE', 'Only these file types are accepted: image/png'), short),
    ).toEqual({
      reason: 'this file is not a photo or a PDF.',
      retryable: false,
    });
    expect(describeRefusal(new ApiError(413, 'FILE_TOO_LARGE', 'The file is larger than 10 MB'), short)).toEqual({
      reason: 'the file is larger than 10 MB.',
      retryable: false,
    });
  });

  it('one that can pass keeps Retry', () => {
    expect(describeRefusal(new ApiError(408, 'REQUEST_TIMEOUT', 'x'), short).retryable).toBe(true);
    expect(describeRefusal(new ApiError(401, 'UNAUTHENTICATED', 'x'), short)).toEqual({
      reason: 'you were signed out. Sign in again, then press Retry.',
      retryable: true,
    });
    expect(describeRefusal(new Error('boom'), short).retryable).toBe(true);
  });

  it("otherwise says the server's own sentence", () => {
    expect(describeRefusal(new ApiError(404, 'NOT_FOUND', 'No such message to reply to'), short)).toEqual({
      reason: 'no such message to reply to.',
      retryable: false,
    });
  });
});
