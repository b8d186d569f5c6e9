import { createBrowserRouter, Navigate } from 'react-router-dom';
import { LoginPage, RegisterPage } from '../features/auth';
import { AdminHome } from './routes/admin-home';
import { DoctorHome } from './routes/doctor-home';
import { HomeRedirect, RoleOnly, SignedInOnly, SignedOutOnly } from './routes/guards';
import { PatientHome } from './routes/patient-home';
import { ProfilePage } from './routes/profile-page';
import { SignedInLayout } from './routes/signed-in-layout';

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
          { element: <RoleOnly role="doctor" />, children: [{ path: '/doctor', element: <DoctorHome /> }] },
          { element: <RoleOnly role="admin" />, children: [{ path: '/admin', element: <AdminHome /> }] },
          { path: '/profile', element: <ProfilePage /> },
        ],
      },
    ],
  },
  { path: '*', element: <Navigate to="/" replace /> },
]);
