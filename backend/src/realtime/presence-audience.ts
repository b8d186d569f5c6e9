import { canSee, rolesThatSee, type Role } from '@telehealth/shared';
import { consultedWith } from '../modules/consultations/index.js';
import type { PresenceRegistry } from './presence-registry.js';
import { rooms } from './types.js';

export interface PresenceAudienceDeps {
  presence: PresenceRegistry;
  /** the patients waiting in the queue (the consultation service's line, held in memory) */
  waitingPatients: () => Promise<ReadonlySet<string>>;
}

/** Who hears whose presence, and whom a user sees online: both from the shared `canSee`. */
export function createPresenceAudience(deps: PresenceAudienceDeps) {
  return {
    /**
     * The rooms that hear a user's presence: those of the roles whose every member may see them
     * (`rolesThatSee`), and a patient's own doctors one by one, unless every doctor sees them
     * already (a patient waiting in the queue is shown to every doctor).
     * `consulted`: the user's consultedWith(), when the caller has it already.
     */
    async audienceOf(userId: string, role: Role, consulted?: Set<string>): Promise<string[]> {
      const waiting = role === 'patient' && (await deps.waitingPatients()).has(userId);
      const roles = rolesThatSee({ id: userId, role, active: true }, { consulted: false, waiting });
      const byRelation = role === 'patient' && !roles.includes('doctor') ? [...(consulted ?? (await consultedWith(userId)))] : [];
      return [...byRelation.map(rooms.user), ...roles.map(rooms.role)];
    },

    /** The ids of everyone online this user may see (`canSee`), themself left out. */
    async visibleOnline(userId: string, role: Role, consulted: Set<string>): Promise<string[]> {
      // A patient sees doctors only (canSee): ask for those, not for everyone online.
      const online = await deps.presence.online(role === 'patient' ? 'doctor' : undefined);
      const waiting = role === 'doctor' ? await deps.waitingPatients() : new Set<string>();
      const viewer = { id: userId, role, active: true };
      return [...online]
        .filter(
          ([id, otherRole]) =>
            id !== userId &&
            canSee(viewer, { id, role: otherRole, active: true }, { consulted: consulted.has(id), waiting: waiting.has(id) }),
        )
        .map(([id]) => id);
    },
  };
}

export type PresenceAudience = ReturnType<typeof createPresenceAudience>;
