import { describe, expect, it } from 'vitest';
import { canCall, canMessage, canSee, type Party } from './policies.js';

const patient: Party = { id: 'p1', role: 'patient', active: true };
const otherPatient: Party = { id: 'p2', role: 'patient', active: true };
const doctor: Party = { id: 'd1', role: 'doctor', active: true };
const otherDoctor: Party = { id: 'd2', role: 'doctor', active: true };
const awayDoctor: Party = { id: 'd3', role: 'doctor', active: false };
const admin: Party = { id: 'a1', role: 'admin', active: true };
const consulted = { consulted: true };
const strangers = { consulted: false };

describe('who may see whom', () => {
  it('a patient sees active doctors, and a deactivated one only if they consulted', () => {
    expect(canSee(patient, doctor, strangers)).toBe(true);
    expect(canSee(patient, awayDoctor, strangers)).toBe(false);
    expect(canSee(patient, awayDoctor, consulted)).toBe(true);
  });

  it('a patient never sees another patient or an admin', () => {
    expect(canSee(patient, otherPatient, strangers)).toBe(false);
    expect(canSee(patient, admin, strangers)).toBe(false);
  });

  it('a doctor sees other doctors and their own patients only', () => {
    expect(canSee(doctor, otherDoctor, strangers)).toBe(true);
    expect(canSee(doctor, patient, consulted)).toBe(true);
    expect(canSee(doctor, patient, strangers)).toBe(false);
    expect(canSee(doctor, patient, { consulted: false, waiting: true })).toBe(true);
    expect(canMessage(doctor, patient, { consulted: false, waiting: true })).toBe(false);
    expect(canSee(doctor, admin, strangers)).toBe(false);
  });

  it('an admin sees everyone, and everyone sees themself', () => {
    expect(canSee(admin, patient, strangers)).toBe(true);
    expect(canSee(patient, patient, strangers)).toBe(true);
  });
});

describe('who may message and call whom', () => {
  it('a patient and a doctor only after a consultation together', () => {
    expect(canMessage(patient, doctor, strangers)).toBe(false);
    expect(canMessage(patient, doctor, consulted)).toBe(true);
    expect(canMessage(doctor, patient, consulted)).toBe(true);
    expect(canCall(doctor, patient, strangers)).toBe(false);
  });

  it('doctors may talk to each other', () => {
    expect(canMessage(doctor, otherDoctor, strangers)).toBe(true);
  });

  it('never two patients, never an admin, never oneself, never a deactivated account', () => {
    expect(canMessage(patient, otherPatient, consulted)).toBe(false);
    expect(canMessage(admin, patient, consulted)).toBe(false);
    expect(canMessage(doctor, admin, strangers)).toBe(false);
    expect(canMessage(doctor, doctor, strangers)).toBe(false);
    expect(canMessage(patient, awayDoctor, consulted)).toBe(false);
  });
});
