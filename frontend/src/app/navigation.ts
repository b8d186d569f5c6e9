import type { Role } from '@telehealth/shared';

/** Where each role starts; `/` and a wrong role's page lead here. */
export const HOME_PATH = {
  patient: '/patient',
  doctor: '/doctor',
  admin: '/admin',
} as const satisfies Record<Role, string>;

export interface NavLink {
  to: string;
  label: string;
}

/** The header's links: each role sees only the places it may go. */
export const NAV_LINKS: Record<Role, readonly NavLink[]> = {
  patient: [
    { to: HOME_PATH.patient, label: 'Consultations' },
    { to: '/profile', label: 'Profile' },
  ],
  doctor: [
    { to: HOME_PATH.doctor, label: 'Queue' },
    { to: '/profile', label: 'Profile' },
  ],
  admin: [
    { to: HOME_PATH.admin, label: 'Accounts' },
    { to: '/profile', label: 'Profile' },
  ],
};

/**
 * Where to go after signing in: back to the page that asked for a sign-in if there was one,
 * otherwise the role's home. Only in-app paths, so a crafted link cannot send anyone elsewhere.
 */
export function afterSignInPath(role: Role, from: unknown): string {
  if (typeof from === 'string' && from.startsWith('/') && !from.startsWith('//') && from !== '/login' && from !== '/register')
    return from;
  return HOME_PATH[role];
}
