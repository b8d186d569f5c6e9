import { clientIdSchema } from '@telehealth/shared';
import { describe, expect, it } from 'vitest';
import { newClientId } from './client-id';
import { dayLabel, startsNewDay } from './days';
import { createTypingThrottle } from './typing';

describe('newClientId', () => {
  it('makes ids the server accepts, with or without randomUUID', () => {
    expect(clientIdSchema.safeParse(newClientId()).success).toBe(true);
    const withoutUuid = newClientId({ getRandomValues: (array) => crypto.getRandomValues(array) });
    expect(clientIdSchema.safeParse(withoutUuid).success).toBe(true);
    expect(withoutUuid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(newClientId()).not.toBe(newClientId());
  });
});

describe('day separators', () => {
  it('start the thread and every new local day', () => {
    expect(startsNewDay(undefined, '2025-03-01T10:00:00.000Z')).toBe(true);
    expect(startsNewDay('2025-03-01T10:00:00.000Z', '2025-03-01T10:05:00.000Z')).toBe(false);
    expect(startsNewDay('2025-03-01T10:00:00.000Z', '2025-03-03T10:00:00.000Z')).toBe(true);
  });

  it('say Today and Yesterday in words', () => {
    const now = new Date(2025, 2, 10, 15, 0);
    expect(dayLabel(new Date(2025, 2, 10, 9, 0).toISOString(), now)).toBe('Today');
    expect(dayLabel(new Date(2025, 2, 9, 23, 0).toISOString(), now)).toBe('Yesterday');
    expect(dayLabel(new Date(2025, 2, 1, 9, 0).toISOString(), now)).not.toMatch(/Today|Yesterday/);
  });
});

describe('typing throttle', () => {
  it('sends a start at once, then at most every interval, and a stop only after a start', () => {
    const throttle = createTypingThrottle(2_000);
    expect(throttle.stop()).toBe(false);
    expect(throttle.keystroke(0)).toBe(true);
    expect(throttle.keystroke(500)).toBe(false);
    expect(throttle.keystroke(1_999)).toBe(false);
    expect(throttle.keystroke(2_000)).toBe(true);
    expect(throttle.stop()).toBe(true);
    expect(throttle.keystroke(2_100)).toBe(true);
  });
});
