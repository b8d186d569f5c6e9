import type { Consultation, PublicUser } from '@telehealth/shared';

const person = (id: string, role: PublicUser['role']): PublicUser => ({
  id,
  name: `${role} ${id}`,
  role,
  avatarUrl: null,
  active: true,
  createdAt: '2025-01-01T09:00:00.000Z',
});

/** A consultation as the API sends it: waiting for anyone, unless `changes` say otherwise. */
export function consultation(
  id: string,
  changes: Partial<Omit<Consultation, 'doctor'>> & { doctorId?: string } = {},
): Consultation {
  const { doctorId, ...rest } = changes;
  return {
    id,
    patient: person(`patient-of-${id}`, 'patient'),
    doctor: doctorId ? person(doctorId, 'doctor') : null,
    requestedDoctorId: null,
    reason: 'A cough that will not go',
    urgency: 'routine',
    status: doctorId ? 'active' : 'waiting',
    createdAt: '2025-01-01T10:00:00.000Z',
    ...rest,
  };
}
