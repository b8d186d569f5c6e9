import { chromium, type Browser, type BrowserContext } from 'playwright-core';

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
