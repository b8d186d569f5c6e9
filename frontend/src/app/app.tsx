import type { ReactNode } from 'react';
import { RouterProvider } from 'react-router-dom';
import { AuthProvider, useAuth } from '../features/auth';
import { RealtimeProvider } from '../features/realtime';
import { router } from './router';

/** Features don't know each other, so the app wires them: the socket follows the signed-in user. */
function RealtimeForSignedInUser({ children }: { children: ReactNode }) {
  const { user, refresh } = useAuth();
  return (
    <RealtimeProvider userId={user?.id ?? null} onSessionEnded={refresh}>
      {children}
    </RealtimeProvider>
  );
}

export function App() {
  return (
    <AuthProvider>
      <RealtimeForSignedInUser>
        <RouterProvider router={router} />
      </RealtimeForSignedInUser>
    </AuthProvider>
  );
}
