import type { Consultation } from '@telehealth/shared';
import { describe, expect, it } from 'vitest';
import { isOpen, isPatientOnline, upsertConsultation } from './consultation-state';

function consultation(id: string, overrides: Partial<Consultation> = {}): Consultation {
  return {
    id,
    patient: {
      id: `patient-${id}`,
      name: 'Ada',
      role: 'patient',
      avatarUrl: null,
      active: true,
      createdAt: '2025-01-01T00:00:00Z',
    },
    doctor: null,
    requestedDoctorId: null,
    reason: 'Headache',
    urgency: 'routine',
    status: 'waiting',
    createdAt: '2025-01-01T00:00:00Z',
    ...overrides,
  };
}

describe('isPatientOnline', () => {
  it('uses the queue snapshot until a live presence event says otherwise', () => {
    const waiting = consultation('1', { patientOnline: true });
    expect(isPatientOnline(waiting, new Map())).toBe(true);
    expect(isPatientOnline(waiting, new Map([['patient-1', false]]))).toBe(false);
  });

  it('counts a patient the server said nothing about as offline', () => {
    expect(isPatientOnline(consultation('1'), new Map())).toBe(false);
  });
});

describe('upsertConsultation', () => {
  it('replaces in place, or adds a new one first', () => {
    const list = [consultation('2'), consultation('1')];
    expect(upsertConsultation(list, consultation('1', { status: 'active' })).map((c) => [c.id, c.status])).toEqual([
      ['2', 'waiting'],
      ['1', 'active'],
    ]);
    expect(upsertConsultation(list, consultation('3')).map((c) => c.id)).toEqual(['3', '2', '1']);
  });
});

describe('isOpen', () => {
  it('is true while waiting or active only', () => {
    expect(isOpen(consultation('1'))).toBe(true);
    expect(isOpen(consultation('1', { status: 'active' }))).toBe(true);
    expect(isOpen(consultation('1', { status: 'completed' }))).toBe(false);
    expect(isOpen(consultation('1', { status: 'cancelled' }))).toBe(false);
  });
});
