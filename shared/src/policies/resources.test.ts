import { describe, expect, it } from 'vitest';
import { rolesThatSee, type Party } from '../policies.js';
import { canDownload, canViewConsultation, mayTakeConsultation, takesPart, type ConsultationParties } from './resources.js';

const patient = { id: 'p1', role: 'patient' as const };
const doctor = { id: 'd1', role: 'doctor' as const };
const otherDoctor = { id: 'd2', role: 'doctor' as const };
const admin = { id: 'a1', role: 'admin' as const };

const waitingFor = (requestedDoctorId: string | null): ConsultationParties => ({
  patientId: 'p1',
  doctorId: null,
  requestedDoctorId,
  status: 'waiting',
});
const activeWith = (doctorId: string): ConsultationParties => ({
  patientId: 'p1',
  doctorId,
  requestedDoctorId: null,
  status: 'active',
});

describe('who may see a consultation', () => {
  it('its patient and its doctor may; another patient, another doctor and an admin may not', () => {
    expect(canViewConsultation(patient, activeWith('d1'))).toBe(true);
    expect(canViewConsultation(doctor, activeWith('d1'))).toBe(true);
    expect(canViewConsultation({ id: 'p2', role: 'patient' }, activeWith('d1'))).toBe(false);
    expect(canViewConsultation(otherDoctor, activeWith('d1'))).toBe(false);
    expect(canViewConsultation(admin, activeWith('d1'))).toBe(false);
  });

  it('while it waits, any doctor who may take it sees it, and one it does not name does not', () => {
    expect(canViewConsultation(otherDoctor, waitingFor(null))).toBe(true);
    expect(canViewConsultation(doctor, waitingFor('d1'))).toBe(true);
    expect(canViewConsultation(otherDoctor, waitingFor('d1'))).toBe(false);
    expect(mayTakeConsultation({ requestedDoctorId: 'd1' }, 'd2')).toBe(false);
  });

  it('once it is over, only its own people see it', () => {
    expect(canViewConsultation(otherDoctor, { ...activeWith('d1'), status: 'completed' })).toBe(false);
    expect(canViewConsultation(otherDoctor, { ...waitingFor(null), status: 'cancelled' })).toBe(false);
  });
});

describe('who may see a message, a call or a file', () => {
  it('a message or a call is for its two people only', () => {
    expect(takesPart('p1', ['p1', 'd1'])).toBe(true);
    expect(takesPart('d2', ['p1', 'd1'])).toBe(false);
  });

  it("an attachment is for its conversation's two people, whoever else may see its sender", () => {
    const file = { purpose: 'attachment' as const, participants: ['p1', 'd1'] };
    expect(canDownload('d1', file, false)).toBe(true);
    expect(canDownload('d2', file, true)).toBe(false);
  });

  it("an avatar follows its owner's profile", () => {
    const avatar = { purpose: 'avatar' as const, participants: [] };
    expect(canDownload('p1', avatar, true)).toBe(true);
    expect(canDownload('p1', avatar, false)).toBe(false);
  });
});

describe('which rooms hear a presence (canSee asked of each role)', () => {
  const as = (id: string, role: Party['role']): Party => ({ id, role, active: true });

  it("a doctor's presence goes to every role", () => {
    expect(rolesThatSee(as('d1', 'doctor'), { consulted: false })).toEqual(['patient', 'doctor', 'admin']);
  });

  it("a patient's goes to admins only, and to every doctor while they wait in the queue", () => {
    expect(rolesThatSee(as('p1', 'patient'), { consulted: false })).toEqual(['admin']);
    expect(rolesThatSee(as('p1', 'patient'), { consulted: false, waiting: true })).toEqual(['doctor', 'admin']);
  });

  it("an admin's goes to admins only", () => {
    expect(rolesThatSee(as('a1', 'admin'), { consulted: false })).toEqual(['admin']);
  });
});
