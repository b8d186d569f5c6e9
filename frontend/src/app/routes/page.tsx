import type { ReactNode } from 'react';
import { badgeTitle } from '../../features/notifications';
import { useUnseenMessages } from '../unseen-messages';

/** A page's heading and document title together, so they never disagree; the title counts messages that came while the tab was hidden. */
export function Page({ title, children }: { title: string; children?: ReactNode }) {
  const unseen = useUnseenMessages();
  return (
    <section className="page">
      <title>{badgeTitle(`${title} · CareLine`, unseen)}</title>
      <h1>{title}</h1>
      {children}
    </section>
  );
}
