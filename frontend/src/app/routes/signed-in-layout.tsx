import { Menu, X } from 'lucide-react';
import { useState, type MouseEvent } from 'react';
import { NavLink, Outlet } from 'react-router-dom';
import { Avatar } from '../../components/ui/avatar';
import { ThemeToggle } from '../../components/ui/theme-toggle';
import { ToastProvider } from '../../components/ui/toast-provider';
import { useAuth } from '../../features/auth';
import { MessagesLink } from '../../features/messaging';
import { ConnectionIndicator } from '../../features/realtime';
import { NAV_LINKS } from '../navigation';

/** The frame of every signed-in page: who you are, where you can go, and whether you are online. */
export function SignedInLayout() {
  const { user, logout } = useAuth();
  const [menuOpen, setMenuOpen] = useState(false);
  if (!user) return null;
  // A link followed from the open menu closes it (the page changes under it).
  const closeOnNavigation = (event: MouseEvent) => {
    if (event.target instanceof Element && event.target.closest('a')) setMenuOpen(false);
  };
  return (
    <div className="app-shell">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="app-header" data-menu-open={menuOpen}>
        <NavLink to="/" className="brand">
          CareLine
        </NavLink>
        <ConnectionIndicator />
        {/* On a phone the rest folds into a menu, so the header keeps one row. */}
        <button
          type="button"
          className="button button-quiet app-menu-button"
          aria-expanded={menuOpen}
          aria-controls="app-menu"
          onClick={() => setMenuOpen((open) => !open)}
        >
          {menuOpen ? <X aria-hidden="true" size={20} /> : <Menu aria-hidden="true" size={20} />}
          Menu
        </button>
        <div className="app-menu" id="app-menu" onClick={closeOnNavigation}>
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
            <p className="user-name">
              <Avatar name={user.name} avatarUrl={user.avatarUrl} size="small" />
              <span>
                <span className="visually-hidden">Signed in as </span>
                {user.name}
              </span>
            </p>
            <ThemeToggle />
            <button type="button" className="button button-quiet" onClick={() => void logout()}>
              Log out
            </button>
          </div>
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
