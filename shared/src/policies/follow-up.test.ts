import { describe, expect, it } from 'vitest';
import { FOLLOW_UP_DAYS, followUpEndsAt, mayPatientCall, mayPatientWrite } from './follow-up.js';

const DAY = 24 * 60 * 60 * 1000;
const completedAt = new Date('2025-03-01T10:00:00Z');
const completed = { status: 'completed' as const, completedAt: completedAt.toISOString() };

describe('the follow-up window', () => {
  it('lets a patient write while a consultation is active', () => {
    expect(mayPatientWrite([{ status: 'active' }], Date.now())).toBe(true);
    expect(mayPatientCall([{ status: 'active' }, completed])).toBe(true);
  });

  it('lets a patient write for FOLLOW_UP_DAYS after the latest completion, and not after', () => {
    expect(FOLLOW_UP_DAYS).toBe(7);
    expect(mayPatientWrite([completed], completedAt.getTime() + 7 * DAY - 1)).toBe(true);
    expect(mayPatientWrite([completed], completedAt.getTime() + 7 * DAY)).toBe(false);
    expect(mayPatientWrite([completed], completedAt.getTime() + 2 * DAY, 1)).toBe(false);
  });

  it('counts from the latest completion, Dates as well as ISO strings', () => {
    const later = { status: 'completed' as const, completedAt: new Date(completedAt.getTime() + 5 * DAY) };
    expect(followUpEndsAt([completed, later])).toBe(completedAt.getTime() + 12 * DAY);
    expect(mayPatientWrite([completed, later], completedAt.getTime() + 10 * DAY)).toBe(true);
  });

  it('refuses a patient with nothing active or completed, and refuses calls without an active consultation', () => {
    expect(mayPatientWrite([], Date.now())).toBe(false);
    expect(mayPatientWrite([{ status: 'cancelled' }, { status: 'waiting' }], Date.now())).toBe(false);
    expect(followUpEndsAt([{ status: 'waiting' }])).toBeNull();
    expect(mayPatientCall([completed])).toBe(false);
  });
});
