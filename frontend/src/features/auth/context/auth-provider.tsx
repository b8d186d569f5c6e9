import type { LoginInput, PublicUser, RegisterInput, SessionEndReason } from '@telehealth/shared';
import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { ApiError } from '../../../lib/api-client';
import { getSession } from '../api/get-session';
import { login as loginRequest } from '../api/login';
import { logout as logoutRequest } from '../api/logout';
import { register as registerRequest } from '../api/register';
import { AuthContext, type AuthContextValue, type AuthStatus } from './auth-context';

interface AuthState {
  user: PublicUser | null;
  status: AuthStatus;
}

const SIGNED_OUT: AuthState = { user: null, status: 'signed-out' };
const signedIn = (user: PublicUser): AuthState => ({ user, status: 'signed-in' });

/** Who the server says is signed in; null when it could not say (offline, database down). */
async function fetchSession(signal?: AbortSignal): Promise<AuthState | null> {
  try {
    const { user } = await getSession(signal);
    return user ? signedIn(user) : SIGNED_OUT;
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return SIGNED_OUT;
    if (signal?.aborted) throw error;
    return null;
  }
}

/**
 * An unanswered check keeps a known session rather than signing someone out over a blip; with
 * none known yet, the login page is the honest answer.
 */
function settle(previous: AuthState, answer: AuthState | null): AuthState {
  if (answer) return answer;
  return previous.status === 'loading' ? SIGNED_OUT : previous;
}

/**
 * Holds who is signed in. The session itself is an httpOnly cookie the page cannot read, so on
 * start the provider asks the server (`GET /api/auth/session`, which answers `{user: null}` rather
 * than a 401 when nobody is).
 */
export interface AuthProviderProps {
  children: ReactNode;
  /** after the user asked to sign out: forget what this device kept for them */
  onSignedOut?: (userId: string) => void;
}

export function AuthProvider({ children, onSignedOut }: AuthProviderProps) {
  const [state, setState] = useState<AuthState>({ user: null, status: 'loading' });
  const [signedOutBecause, setSignedOutBecause] = useState<SessionEndReason | null>(null);

  useEffect(() => {
    const controller = new AbortController();
    fetchSession(controller.signal).then(
      (answer) => setState((previous) => settle(previous, answer)),
      () => undefined, // aborted: this effect was cleaned up
    );
    return () => controller.abort();
  }, []);

  const refresh = useCallback(async (because?: SessionEndReason) => {
    const answer = await fetchSession();
    if (because && answer?.status === 'signed-out') setSignedOutBecause(because);
    setState((previous) => settle(previous, answer));
  }, []);

  const login = useCallback(async (input: LoginInput) => {
    const { user } = await loginRequest(input);
    setSignedOutBecause(null);
    setState(signedIn(user));
    return user;
  }, []);

  const register = useCallback(async (input: RegisterInput) => {
    const { user } = await registerRequest(input);
    setSignedOutBecause(null);
    setState(signedIn(user));
    return user;
  }, []);

  const signedOutRef = useRef(onSignedOut);
  useEffect(() => {
    signedOutRef.current = onSignedOut;
  }, [onSignedOut]);
  const userId = state.user?.id;

  const logout = useCallback(async () => {
    // Signed out here whatever the answer: the server may already have ended the session (401),
    // and a person who asked to leave must not stay on screen because the network failed.
    await logoutRequest().catch(() => undefined);
    if (userId) signedOutRef.current?.(userId);
    setState(SIGNED_OUT);
  }, [userId]);

  const value = useMemo<AuthContextValue>(
    () => ({ user: state.user, status: state.status, login, register, logout, refresh, signedOutBecause }),
    [state, login, register, logout, refresh, signedOutBecause],
  );
  return <AuthContext value={value}>{children}</AuthContext>;
}
