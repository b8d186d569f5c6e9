import type { ReactNode } from 'react';
import { ThemeToggle } from '../../../components/ui/theme-toggle';

/** The frame of the signed-out pages: the app's name, the theme switch, and one card. */
export function AuthLayout({ title, children }: { title: string; children: ReactNode }) {
  return (
    <div className="auth-layout">
      <header className="auth-header">
        <p className="brand">CareLine</p>
        <ThemeToggle />
      </header>
      <main className="auth-card">
        <title>{`${title} · CareLine`}</title>
        <h1>{title}</h1>
        {children}
      </main>
    </div>
  );
}
