/** The three kinds of account. Data, not strings scattered through the code. */
export const ROLES = ['patient', 'doctor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** Roles an admin may create or assign; patients only ever register themselves. */
export const STAFF_ROLES = ['doctor', 'admin'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];
