import { describe, expect, it, vi } from 'vitest';
import { ApiError } from '../../../lib/api-client';
import { queuedEntry } from '../hooks/messaging-fakes.test-support';
import { message } from '../logic/test-fixtures';
import { deliverEntry, type DeliverSteps } from './deliver-entry';

function steps(send: DeliverSteps['send']) {
  return { send, stored: vi.fn(async () => undefined), refused: vi.fn(async () => undefined), progress: vi.fn() };
}

describe('deliverEntry', () => {
  it('a stored message is handed on and the progress cleared', async () => {
    const stored = message(1);
    const kit = steps(async (_entry, onProgress) => (onProgress(0.5), stored));
    const entry = queuedEntry('a', 1);
    expect(await deliverEntry(entry, kit)).toBeNull();
    expect(kit.stored).toHaveBeenCalledWith(entry, stored);
    expect(kit.progress.mock.calls).toEqual([
      ['a', 0.5],
      ['a', null],
    ]);
  });

  it('no network, a server down or a rate limit: answers why, to try again later, and keeps the entry as it is', async () => {
    for (const error of [
      new ApiError(0, 'NETWORK_ERROR', 'offline'),
      new ApiError(503, 'DATABASE_UNAVAILABLE', 'down', {}, 5),
      new ApiError(429, 'RATE_LIMITED', 'slow down', {}, 30),
    ]) {
      const kit = steps(async () => Promise.reject(error));
      expect(await deliverEntry(queuedEntry('a', 1), kit)).toEqual({
        status: error.status,
        retryAfterSeconds: error.retryAfterSeconds,
      });
      expect(kit.refused).not.toHaveBeenCalled();
      expect(kit.progress).toHaveBeenLastCalledWith('a', null);
    }
  });

  it('a refusal for good marks the entry failed, with the reason and no Retry when retrying cannot help', async () => {
    const kit = steps(async () => Promise.reject(new ApiError(403, 'FORBIDDEN', 'no')));
    expect(await deliverEntry(queuedEntry('a', 1), kit)).toBeNull();
    expect(kit.refused).toHaveBeenCalledWith(
      expect.objectContaining({
        clientId: 'a',
        state: 'failed',
        error: 'you can no longer message this person here.',
        retryable: false,
      }),
    );
    expect(kit.stored).not.toHaveBeenCalled();
  });
});
