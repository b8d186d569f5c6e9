import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

/** The Chromium the browser tests use, with fake camera and microphone. */
export const CHROMIUM_PATH = '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--use-fake-device-for-media-stream',
  '--use-fake-ui-for-media-stream',
];

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
}

/** A context (another person) signed in with a `jwt=...` cookie. */
export async function signedInContext(browser: Browser, baseUrl: string, cookie: string | undefined): Promise<BrowserContext> {
  const context = await browser.newContext({ baseURL: baseUrl });
  if (cookie) await context.addCookies([{ name: 'jwt', value: cookie.replace(/^jwt=/, ''), url: baseUrl }]);
  return context;
}

/** What `msUntilShown` uses of the page's globals (the backend's TypeScript has no DOM types). */
interface PageGlobals {
  document: {
    querySelectorAll(selector: string): Iterable<{
      textContent: string | null;
      checkVisibility(options: { visibilityProperty: boolean }): boolean;
      getBoundingClientRect(): { height: number };
    }>;
  };
  performance: { now(): number };
}

/**
 * Navigates and answers how long after the navigation started the first frame showed `selector`
 * (the page's own clock: `performance.now()` counts from the navigation's start). Checked on every
 * frame (`polling: 'raf'`): a locator's `waitFor` polls at widening intervals, up to 500 ms apart,
 * which added as much as half a second to a first render that had long happened.
 * `checkVisibility` also sees the list Virtuoso keeps `visibility: hidden` until it has measured.
 */
export async function msUntilShown(
  page: Page,
  url: string,
  wanted: { selector: string; text?: string },
  timeoutMs = 30_000,
): Promise<number> {
  await page.goto(url, { waitUntil: 'commit' });
  // A function, not a string: the app's CSP refuses the `eval` a string would need.
  const shown = await page.waitForFunction(
    ({ selector, text }) => {
      const element = [...(globalThis as unknown as PageGlobals).document.querySelectorAll(selector)].find(
        (candidate) => text === null || (candidate.textContent ?? '').includes(text),
      );
      const visible = element?.checkVisibility({ visibilityProperty: true }) && element.getBoundingClientRect().height > 0;
      return visible ? (globalThis as unknown as PageGlobals).performance.now() : false;
    },
    { selector: wanted.selector, text: wanted.text ?? null },
    { polling: 'raf', timeout: timeoutMs },
  );
  return (await shown.jsonValue()) as number;
}
