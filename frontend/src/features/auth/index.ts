// The auth feature's public face: the app imports from here, never from its folders.
export { AuthProvider } from './context/auth-provider';
export { useAuth, type AuthStatus } from './context/auth-context';
export { LoginPage } from './components/login-page';
export { RegisterPage } from './components/register-page';
