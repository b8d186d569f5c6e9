import type { Browser, BrowserContext, Page } from 'playwright-core';
import { msUntilShown, signedInContext } from '../lib/browser.js';
import type { GrowthWorld } from '../lib/growth-seed.js';
import type { ServerProcess } from '../lib/servers.js';

/*
 * The data-growth scenario's browser probe: the doctor opens the long thread's chat page in
 * Chromium, timed as history.ts times it (navigation start to the newest message on screen), so the
 * figure includes what the HTTP probes leave out: the bundle, the session check and the first render.
 */

/** One timed rep against the app at one size; the same shape as the scenario's HTTP probes. */
export type TimedOnce = (server: ServerProcess, world: GrowthWorld, rep: number) => Promise<number>;

/** The context and the newest message of the server now under test (a new server per size). */
interface Session {
  serverUrl: string;
  context: BrowserContext;
  /** the doctor's tab, kept across reps: each rep is a full load of the thread's URL in it */
  page: Page;
  newestId: string;
}

/**
 * The newest message's id, asked once per size outside the timing: the seed's texts may change, the
 * id the row carries (`data-message-id`) is what the page shows whatever the text is.
 */
async function newestMessageId(server: ServerProcess, world: GrowthWorld): Promise<string> {
  const response = await fetch(`${server.url}/api/messages/${world.patients[1]!.id}?limit=1`, {
    headers: { cookie: world.doctor.cookie },
  });
  if (!response.ok) throw new Error(`newest message: ${response.status} ${await response.text()}`);
  const { messages } = (await response.json()) as { messages: { id: string }[] };
  const newest = messages.at(-1);
  if (!newest) throw new Error('newest message: the long thread answered no messages');
  return newest.id;
}

/**
 * A probe that loads `/messages/<long thread's patient>` as the doctor, a full page load per rep in
 * the doctor's tab (a new document, the tab's renderer and HTTP cache kept), as for a doctor who
 * has the app open and follows a link to the thread. One context per size holds the session cookie
 * (the seed's signed token, set as the app's `jwt` cookie, as history.ts does for its chat page).
 * A fresh tab per rep took about twice as long here, whatever the data: Chromium starting a
 * renderer and compiling the bundle again (docs/performance.md).
 */
export function browserNewestPage(browser: Browser): { once: TimedOnce; close(): Promise<void> } {
  let session: Session | undefined;

  async function sessionFor(server: ServerProcess, world: GrowthWorld): Promise<Session> {
    if (session?.serverUrl === server.url) return session;
    await session?.context.close();
    session = undefined;
    const newestId = await newestMessageId(server, world);
    const context = await signedInContext(browser, server.url, world.doctor.cookie);
    session = { serverUrl: server.url, context, page: await context.newPage(), newestId };
    return session;
  }

  const once: TimedOnce = async (server, world) => {
    const { page, newestId } = await sessionFor(server, world);
    // 30 s: at the largest sizes the old data model can take that long, and a page that never
    // shows the row (an error screen) should fail the rep rather than hold the run.
    return msUntilShown(page, `/messages/${world.patients[1]!.id}`, { selector: `[data-message-id="${newestId}"]` });
  };

  return {
    once,
    async close() {
      await session?.context.close();
      session = undefined;
    },
  };
}
