import { describe, expect, it } from 'vitest';
import { ApiError } from './api-client';
import { describeError } from './error-message';

describe('describeError', () => {
  it('puts a rate limit in words, in seconds or minutes', () => {
    expect(describeError(new ApiError(429, 'RATE_LIMITED', 'x', {}, 30))).toBe(
      'Too many attempts. Please try again in 30 seconds.',
    );
    expect(describeError(new ApiError(429, 'RATE_LIMITED', 'x', {}, 61))).toBe(
      'Too many attempts. Please try again in 2 minutes.',
    );
    expect(describeError(new ApiError(429, 'RATE_LIMITED', 'x', {}, 60))).toBe(
      'Too many attempts. Please try again in 1 minute.',
    );
    expect(describeError(new ApiError(429, 'RATE_LIMITED', 'x'))).toBe('Too many attempts. Please wait a while and try again.');
  });

  it("uses the server's own sentence for other errors", () => {
    expect(describeError(new ApiError(409, 'CONFLICT', 'An account with this email already exists'))).toBe(
      'An account with this email already exists',
    );
  });

  it('never shows the inside of an unexpected exception', () => {
    expect(describeError(new Error('Cannot read properties of undefined'))).toBe('Something went wrong. Please try again.');
  });
});
