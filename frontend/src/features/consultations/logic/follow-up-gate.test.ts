import { FOLLOW_UP_DAYS } from '@telehealth/shared';
import { describe, expect, it } from 'vitest';
import { followUpGate } from './follow-up-gate';

const DAY = 24 * 60 * 60 * 1000;
const completedAt = Date.UTC(2025, 2, 1, 9, 0);
const completed = { status: 'completed' as const, completedAt: new Date(completedAt).toISOString() };

describe('followUpGate', () => {
  it('lets the patient write and call, and says nothing, while a consultation is active', () => {
    const gate = followUpGate([{ status: 'active' }, completed], completedAt + 30 * DAY, 7);
    expect(gate).toEqual({ mayWrite: true, mayCall: true, endsAt: completedAt + 7 * DAY, notice: null });
  });

  it('keeps the window open until just before it ends, with no calls', () => {
    const gate = followUpGate([completed], completedAt + 7 * DAY - 1, 7);
    expect(gate).toEqual({ mayWrite: true, mayCall: false, endsAt: completedAt + 7 * DAY, notice: 'window-open' });
  });

  it('closes the window exactly at its end', () => {
    const gate = followUpGate([completed], completedAt + 7 * DAY, 7);
    expect(gate).toEqual({ mayWrite: false, mayCall: false, endsAt: completedAt + 7 * DAY, notice: 'window-closed' });
  });

  it('counts from the latest completion, with the configured days', () => {
    const later = { status: 'completed' as const, completedAt: new Date(completedAt + 10 * DAY).toISOString() };
    const gate = followUpGate([later, completed], completedAt + 12 * DAY, 3);
    expect(gate).toMatchObject({ mayWrite: true, endsAt: completedAt + 13 * DAY, notice: 'window-open' });
  });

  it('uses the shared FOLLOW_UP_DAYS when the server has not said', () => {
    expect(followUpGate([completed], completedAt).endsAt).toBe(completedAt + FOLLOW_UP_DAYS * DAY);
  });

  it('with a consultation never completed (only asked for, or cancelled), neither writes nor calls', () => {
    const gate = followUpGate([{ status: 'cancelled' }, { status: 'waiting' }], completedAt, 7);
    expect(gate).toEqual({ mayWrite: false, mayCall: false, endsAt: null, notice: 'no-consultation' });
    expect(followUpGate([], completedAt, 7).notice).toBe('no-consultation');
  });
});
