import { describe, expect, it, vi } from 'vitest';
import { queuedEntry } from '../hooks/messaging-fakes.test-support';
import { createEntryList } from './entry-list';

describe('createEntryList', () => {
  it('is current at once after a change, and tells its listeners until they leave', () => {
    const list = createEntryList();
    const listener = vi.fn();
    const leave = list.subscribe(listener);
    list.change((entries) => [...entries, queuedEntry('a', 1)]);
    expect(list.get().map((entry) => entry.clientId)).toEqual(['a']);
    expect(listener).toHaveBeenCalledTimes(1);
    leave();
    list.change(() => []);
    expect(listener).toHaveBeenCalledTimes(1);
  });
});
