import type { Role } from '@telehealth/shared';
import { Navigate, Outlet, useLocation } from 'react-router-dom';
import { LoadingScreen } from '../../components/ui/loading-screen';
import { useAuth } from '../../features/auth';
import { afterSignInPath, HOME_PATH } from '../navigation';

/** Login and registration: a signed-in user is sent on to where they were going. */
export function SignedOutOnly() {
  const { user, status } = useAuth();
  const location = useLocation();
  if (status === 'loading') return <LoadingScreen />;
  if (user) return <Navigate to={afterSignInPath(user.role, (location.state as { from?: unknown } | null)?.from)} replace />;
  return <Outlet />;
}

/** Everything else: a signed-out visitor is sent to sign in, and comes back here afterwards. */
export function SignedInOnly() {
  const { status } = useAuth();
  const location = useLocation();
  if (status === 'loading') return <LoadingScreen />;
  if (status === 'signed-out') return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
  return <Outlet />;
}

/** A role's own pages: anyone else goes to their own home. The server enforces the same on every request. */
export function RoleOnly({ role }: { role: Role }) {
  const { user } = useAuth();
  if (user && user.role !== role) return <Navigate to={HOME_PATH[user.role]} replace />;
  return <Outlet />;
}

/** `/`: straight to the role's home. */
export function HomeRedirect() {
  const { user } = useAuth();
  return <Navigate to={user ? HOME_PATH[user.role] : '/login'} replace />;
}
