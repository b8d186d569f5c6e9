import type { ReactNode } from 'react';

/** A page's heading and document title together, so they never disagree. */
export function Page({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <section className="page">
      <title>{`${title} · CareLine`}</title>
      <h1>{title}</h1>
      {children}
    </section>
  );
}
