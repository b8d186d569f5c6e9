import { ROLES, type Role } from './roles.js';

export * from './policies/resources.js';

/** The least a policy needs to know about a person. */
export interface Party {
  id: string;
  role: Role;
  active: boolean;
}

/**
 * What the database knows about two people together. `consulted` means a consultation exists
 * with one as patient and the other as its assigned doctor (active or completed: a waiting request
 * has no doctor yet, and a cancelled one never had one).
 */
export interface Relation {
  consulted: boolean;
  /** the patient among the two is waiting in the queue, which every doctor sees */
  waiting?: boolean;
}

export const NO_RELATION: Relation = { consulted: false };

/**
 * Who may see whom: directory, presence, profile.
 * A patient sees active doctors; a doctor sees other doctors, their own patients and the patients
 * waiting in the queue; admins see everyone.
 */
export function canSee(viewer: Party, target: Party, relation: Relation): boolean {
  if (viewer.id === target.id) return true;
  if (viewer.role === 'admin') return true;
  if (target.role === 'admin') return false;
  if (viewer.role === 'patient') return target.role === 'doctor' && (target.active || relation.consulted);
  // viewer is a doctor
  return target.role === 'doctor' || relation.consulted || relation.waiting === true;
}

/**
 * Who may message and call whom. Admins never take part in conversations (they manage accounts,
 * and must not read clinical content); patients reach only doctors who have taken them on.
 */
export function canMessage(sender: Party, receiver: Party, relation: Relation): boolean {
  if (sender.id === receiver.id) return false;
  if (!sender.active || !receiver.active) return false;
  if (sender.role === 'admin' || receiver.role === 'admin') return false;
  if (sender.role === 'doctor' && receiver.role === 'doctor') return true;
  // Otherwise exactly one patient and one doctor, who have had a consultation together.
  const patientAndDoctor = (sender.role === 'patient') !== (receiver.role === 'patient');
  return patientAndDoctor && relation.consulted;
}

/** Calls follow the messaging rule: only people who may message may call. */
export const canCall = canMessage;

/**
 * The roles every member of which may see this person, by `canSee` with this relation: the rooms
 * their presence is announced to. Those who see them only through a consultation of their own
 * are told one by one.
 */
export function rolesThatSee(target: Party, relation: Relation): Role[] {
  // A stand-in member of each role who is not the target: what holds for them holds for all.
  return ROLES.filter((role) => canSee({ id: `any ${role}`, role, active: true }, target, relation));
}

/** The policies as data, so the frontend can hide what the backend would refuse. */
export const policies = { canSee, canMessage, canCall } as const;
