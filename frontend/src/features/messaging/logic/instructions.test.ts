import { describe, expect, it } from 'vitest';
import { instructionsView, offersInstructions, understoodWhen } from './instructions';
import { DOCTOR, ME, message } from './test-fixtures';

describe('instructions', () => {
  const sent = message(1, { instructions: { confirmedAt: null } });
  const understood = message(1, { instructions: { confirmedAt: '2025-01-01T12:30:00.000Z' } });

  it('the patient has them to confirm, the doctor waits, and both see them understood', () => {
    expect(instructionsView(sent, ME)).toBe('to-confirm');
    expect(instructionsView(sent, DOCTOR)).toBe('waiting');
    expect([instructionsView(understood, ME), instructionsView(understood, DOCTOR)]).toEqual(['understood', 'understood']);
  });

  it('an ordinary message, or deleted instructions, have no status', () => {
    expect(instructionsView(message(2), ME)).toBeNull();
    expect(instructionsView(message(2, { instructions: null }), ME)).toBeNull();
    expect(instructionsView({ ...sent, deleted: true }, ME)).toBeNull();
  });

  it('is offered in a thread with a patient only', () => {
    expect(offersInstructions('patient')).toBe(true);
    expect([
      offersInstructions('doctor'),
      offersInstructions('admin'),
      offersInstructions(null),
      offersInstructions(undefined),
    ]).toEqual([false, false, false, false]);
  });

  it('says the time on the day they were sent, and the date too on a later day', () => {
    expect(understoodWhen('2025-01-01T12:30:00.000Z', '2025-01-01T12:00:00.000Z')).toMatch(/^at \S/);
    const later = understoodWhen('2025-01-05T12:30:00.000Z', '2025-01-01T12:00:00.000Z');
    expect(later).toMatch(/^on /);
    expect(later).toContain('2025');
  });
});
