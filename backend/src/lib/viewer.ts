import type { Role } from '@telehealth/shared';

/** Who is asking, as the services need it: from the session, never from the request body. */
export interface Viewer {
  userId: string;
  role: Role;
}
