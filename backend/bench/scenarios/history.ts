import zlib from 'node:zlib';
import type { Browser, Page } from 'playwright-core';
import { launchChromium, msUntilShown, signedInContext } from '../lib/browser.js';
import type { BenchContext } from '../lib/context.js';
import { atMost, type Row } from '../lib/report.js';
import { BENCH_PASSWORD } from '../lib/seed.js';
import { startApp } from '../lib/servers.js';

// Strings found only in MediaPipe's own code (tasks-vision). 'FilesetResolver' and
// 'GestureRecognizer' also appear in the app's main bundle, as the names it takes from the lazy
// import() of the vision bundle, which is not MediaPipe being loaded.
const GESTURE_MARKERS = ['createFromModelPath', 'HandLandmarker'];

interface Loaded {
  scripts: { url: string; gzipBytes: number; rawBytes: number; gestureCode: boolean }[];
}

/** Records every script the page loads (bodies gzipped here, as a server would send them). */
function recordScripts(page: Page): Loaded {
  const loaded: Loaded = { scripts: [] };
  page.on('response', (response) => {
    if (response.request().resourceType() !== 'script') return;
    void response.body().then(
      (body) => {
        const text = body.toString('utf8');
        loaded.scripts.push({
          url: new URL(response.url()).pathname,
          rawBytes: body.length,
          gzipBytes: zlib.gzipSync(body, { level: 9 }).length,
          gestureCode: /vision_bundle/.test(response.url()) || GESTURE_MARKERS.some((marker) => text.includes(marker)),
        });
      },
      () => undefined,
    );
  });
  return loaded;
}

const kb = (bytes: number) => Math.round(bytes / 102.4) / 10;
const gzipTotal = (loaded: Loaded) => loaded.scripts.reduce((sum, script) => sum + script.gzipBytes, 0);

/** Signs in through the login page, then opens the thread: time until its newest message shows. */
async function openThread(browser: Browser, baseUrl: string, email: string, partnerId: string, newest: string) {
  const context = await signedInContext(browser, baseUrl, undefined);
  const page = await context.newPage();
  await page.goto('/login');
  await page.getByLabel('Email', { exact: true }).fill(email);
  await page.getByLabel('Password', { exact: true }).fill(BENCH_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => url.pathname !== '/login');
  const ms = await msUntilShown(
    page,
    `/messages/${partnerId}`,
    { selector: '[role=log] [data-message-id]', text: newest },
    60_000,
  );
  const nodes = await page.locator('[data-message-id]').count();
  // Scrolled to the top a few times (older pages load): the number of rows must stay bounded.
  for (let scroll = 0; scroll < 5; scroll += 1) {
    await page.getByRole('log').evaluate('(log) => log.scrollTo({ top: 0 })');
    await page.waitForTimeout(400);
  }
  const nodesAfterScrolling = await page.locator('[data-message-id]').count();
  await context.close();
  return { ms, nodes, nodesAfterScrolling };
}

/** What each route's first load costs in JavaScript, and that none of it is gesture code. */
function bundleRows(scenario: string, loginScripts: Loaded, chatScripts: Loaded): Row[] {
  const gestureScripts = [
    ...new Set(
      [...loginScripts.scripts, ...chatScripts.scripts].filter((script) => script.gestureCode).map((script) => script.url),
    ),
  ];
  return [
    {
      scenario,
      metric: 'login route: initial JS (gzip)',
      value: kb(gzipTotal(loginScripts)),
      unit: 'KB',
      note: `${loginScripts.scripts.length} scripts`,
    },
    {
      scenario,
      metric: 'chat route: initial JS (gzip)',
      value: kb(gzipTotal(chatScripts)),
      unit: 'KB',
      target: '≤ 250',
      pass: atMost(kb(gzipTotal(chatScripts)), 250),
      note: `${chatScripts.scripts.length} scripts: ${chatScripts.scripts.map((script) => `${script.url.replace('/assets/', '')} ${kb(script.gzipBytes)}`).join(', ')}`,
    },
    {
      scenario,
      metric: 'scripts with gesture code before gestures are on',
      value: gestureScripts.length,
      unit: '',
      target: '= 0',
      pass: gestureScripts.length === 0,
      note: gestureScripts.length
        ? gestureScripts.join(', ')
        : `no vision bundle, and no ${GESTURE_MARKERS.join(' / ')} (MediaPipe's own code) in any script the two routes loaded`,
    },
  ];
}

/**
 * 6. The history page and the bundles: first render of the newest page of a 10,000-message thread
 * (vs 100), message DOM nodes, the JavaScript each route loads, and no gesture code before gestures.
 */
export async function historyScenario(context: BenchContext): Promise<Row[]> {
  const scenario = '6 history & bundles';
  const [long, short] = context.historyPatients;
  const { doctors } = context.population;
  const longCount = context.quick ? 1_000 : 10_000;
  const server = await startApp({ mongoUri: context.mongoUri, serveFrontend: true });
  const browser = await launchChromium();
  try {
    // The initial JavaScript of each route, from a cold cache.
    const loginPage = await (await signedInContext(browser, server.url, undefined)).newPage();
    const loginScripts = recordScripts(loginPage);
    await loginPage.goto('/login', { waitUntil: 'networkidle' });
    const chatPage = await (await signedInContext(browser, server.url, context.doctorCookies.get(doctors[1]!.id))).newPage();
    const chatScripts = recordScripts(chatPage);
    await chatPage.goto(`/messages/${short!.id}`, { waitUntil: 'networkidle' });
    await chatPage.getByRole('log').getByText('history message 100 of 100', { exact: true }).waitFor({ timeout: 30_000 });
    await chatPage.waitForTimeout(500);

    const shortThread = await openThread(browser, server.url, doctors[1]!.email, short!.id, 'history message 100 of 100');
    const longThread = await openThread(
      browser,
      server.url,
      doctors[0]!.email,
      long!.id,
      `history message ${longCount} of ${longCount}`,
    );
    context.log(
      `  newest page: ${Math.round(longThread.ms)} ms at ${longCount} messages, ${Math.round(shortThread.ms)} ms at 100; ${longThread.nodes} rows`,
    );
    return [
      {
        scenario,
        metric: `newest page of ${longCount} messages: first render`,
        value: Math.round(longThread.ms),
        unit: 'ms',
        baseline: Math.round(shortThread.ms),
        note: 'baseline: the same for a 100-message thread; signed in through the login page first',
      },
      {
        scenario,
        metric: `message DOM nodes (${longCount} messages)`,
        value: Math.max(longThread.nodes, longThread.nodesAfterScrolling),
        unit: '',
        target: '≤ 150',
        baseline: Math.max(shortThread.nodes, shortThread.nodesAfterScrolling),
        pass: Math.max(longThread.nodes, longThread.nodesAfterScrolling) <= 150,
        note: `${longThread.nodes} on open, ${longThread.nodesAfterScrolling} after scrolling up 5 times; baseline: 100 messages`,
      },
      ...bundleRows(scenario, loginScripts, chatScripts),
    ];
  } finally {
    await browser.close();
    await server.stop();
  }
}
