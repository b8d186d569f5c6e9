import { lazy, Suspense, type ReactNode } from 'react';
import { createBrowserRouter, Navigate } from 'react-router-dom';
import { LoadingScreen } from '../components/ui/loading-screen';
import { LoginPage, RegisterPage } from '../features/auth';
import { HomeRedirect, RoleOnly, SignedInOnly, SignedOutOnly } from './routes/guards';
import { MessagesPage } from './routes/messages-page';
import { PatientHome } from './routes/patient-home';
import { ProfilePage } from './routes/profile-page';
import { SignedInLayout } from './routes/signed-in-layout';

// Loaded on first visit, so a patient's browser never downloads the doctor's desk or the admin console,
// and nobody downloads a visit summary until they open one.
const AdminHome = lazy(() => import('./routes/admin-home').then((module) => ({ default: module.AdminHome })));
const DoctorHome = lazy(() => import('./routes/doctor-home').then((module) => ({ default: module.DoctorHome })));
const VisitSummary = lazy(() => import('./routes/visit-summary').then((module) => ({ default: module.VisitSummary })));
const loading = (page: ReactNode) => <Suspense fallback={<LoadingScreen />}>{page}</Suspense>;

/** Every page of the app, with the guard that decides who may see it. */
export const router = createBrowserRouter([
  {
    element: <SignedOutOnly />,
    children: [
      { path: '/login', element: <LoginPage /> },
      { path: '/register', element: <RegisterPage /> },
    ],
  },
  {
    element: <SignedInOnly />,
    children: [
      { path: '/', element: <HomeRedirect /> },
      {
        element: <SignedInLayout />,
        children: [
          { element: <RoleOnly role="patient" />, children: [{ path: '/patient', element: <PatientHome /> }] },
          { element: <RoleOnly role="doctor" />, children: [{ path: '/doctor', element: loading(<DoctorHome />) }] },
          { element: <RoleOnly role="admin" />, children: [{ path: '/admin', element: loading(<AdminHome />) }] },
          { path: '/profile', element: <ProfilePage /> },
          { path: '/messages/:userId?', element: <MessagesPage /> },
          { path: '/consultations/:id/summary', element: loading(<VisitSummary />) },
        ],
      },
    ],
  },
  { path: '*', element: <Navigate to="/" replace /> },
]);
