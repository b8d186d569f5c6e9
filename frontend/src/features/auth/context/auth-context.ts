import type { LoginInput, PublicUser, RegisterInput, SessionEndReason } from '@telehealth/shared';
import { createContext, useContext } from 'react';

export type AuthStatus = 'loading' | 'signed-in' | 'signed-out';

export interface AuthContextValue {
  user: PublicUser | null;
  status: AuthStatus;
  login: (input: LoginInput) => Promise<PublicUser>;
  register: (input: RegisterInput) => Promise<PublicUser>;
  logout: () => Promise<void>;
  /**
   * Asks the server who is signed in now (after a socket says the session ended, for instance);
   * `because` is what the server said, kept to tell the person if this signs them out.
   */
  refresh: (because?: SessionEndReason) => Promise<void>;
  /** why the server signed this person out, until they sign in again (null: they chose to, or never were) */
  signedOutBecause: SessionEndReason | null;
}

export const AuthContext = createContext<AuthContextValue | null>(null);

/** Who is signed in, and the actions that change it. */
export function useAuth(): AuthContextValue {
  const value = useContext(AuthContext);
  if (!value) throw new Error('useAuth must be used inside <AuthProvider>');
  return value;
}
