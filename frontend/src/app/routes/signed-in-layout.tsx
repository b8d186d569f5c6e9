import { NavLink, Outlet } from 'react-router-dom';
import { ThemeToggle } from '../../components/ui/theme-toggle';
import { ToastProvider } from '../../components/ui/toast-provider';
import { useAuth } from '../../features/auth';
import { MessagesLink } from '../../features/messaging';
import { ConnectionIndicator } from '../../features/realtime';
import { NAV_LINKS } from '../navigation';

/** The frame of every signed-in page: who you are, where you can go, and whether you are online. */
export function SignedInLayout() {
  const { user, logout } = useAuth();
  if (!user) return null;
  return (
    <div className="app-shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="app-header">
        <NavLink to="/" className="brand">
          CareLine
        </NavLink>
        <nav aria-label="Main" className="app-nav">
          <ul>
            {NAV_LINKS[user.role].map((link) => (
              <li key={link.to}>
                <NavLink to={link.to}>{link.label}</NavLink>
              </li>
            ))}
          </ul>
        </nav>
        <div className="app-header-tools">
          <MessagesLink />
          <ConnectionIndicator />
          <p className="user-name">
            <span className="visually-hidden">Signed in as </span>
            {user.name}
          </p>
          <ThemeToggle />
          <button type="button" className="button button-quiet" onClick={() => void logout()}>
            Log out
          </button>
        </div>
      </header>
      <main id="main" tabIndex={-1} className="app-main">
        <ToastProvider>
          <Outlet />
        </ToastProvider>
      </main>
    </div>
  );
}
