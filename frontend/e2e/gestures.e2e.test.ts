/// <reference types="node" />
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestUser } from '../../backend/test/test-server.js';
import { launchWithCamera, makeClip, removeClip, type ClipSegment } from './gesture-harness';
import { CHROMIUM_ARGS, CHROMIUM_PATH, expectNoA11yViolations, screenshot, startHarness, type Harness } from './harness';
import { consultedPair } from './people';

/** frontend/dist is the production build (the lead and CI build it; the browser tests serve it). */
const dist = process.env.CARELINE_GESTURES_FRONTEND_DIR ?? fileURLToPath(new URL('../dist', import.meta.url));
/** Names only a test seam has: if any is in the bundle, a script on the page could feed gestures. */
const TEST_SEAM_NAMES = ['__CARELINE_TEST_RECOGNIZER__', 'VITE_TEST_SEAMS'];

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(full) : [full];
  });
}

describe('the production build', () => {
  it('contains no test seam names', () => {
    const scripts = filesUnder(dist).filter((file) => /\.(js|html)$/.test(file));
    expect(scripts.length).toBeGreaterThan(0);
    const withSeams = scripts.filter((file) => {
      const text = fs.readFileSync(file, 'utf8');
      return TEST_SEAM_NAMES.some((name) => text.includes(name));
    });
    expect(withSeams).toEqual([]);
  });

  it('has MediaPipe only in the gesture worker, a chunk nothing loads before gestures are turned on', () => {
    // A name only MediaPipe's own code contains.
    const withMediaPipe = filesUnder(path.join(dist, 'assets')).filter(
      (file) => file.endsWith('.js') && fs.readFileSync(file, 'utf8').includes('wasmLoaderPath'),
    );
    expect(withMediaPipe.map((file) => path.basename(file))).toEqual([expect.stringMatching(/^gesture\.worker-.*\.js$/)]);
    expect(fs.readFileSync(path.join(dist, 'index.html'), 'utf8')).not.toContain('gesture.worker');
    // The worker loads MediaPipe's ES-module WASM loader (a module worker cannot importScripts the classic one).
    expect(fs.existsSync(path.join(dist, 'mediapipe/wasm/vision_wasm_module_internal.js'))).toBe(true);
  });

  it('ships the gesture model and its NOTICE from our own origin (/models/)', () => {
    expect(fs.statSync(path.join(dist, 'models/gesture_recognizer.task')).size).toBeGreaterThan(1_000_000);
    expect(fs.readFileSync(path.join(dist, 'models/NOTICE'), 'utf8')).toContain('Apache License 2.0');
  });
});

// Real MediaPipe, the shipped model, real photographs on Chromium's fake camera: no fake recognizer.
let harness: Harness;
const patientBrowsers: Browser[] = [];
/** the y4m clips made for the tests (tens of MB each): removed afterwards */
const clips: string[] = [];

beforeAll(async () => {
  // CARELINE_GESTURES_FRONTEND_DIR: run against another build (another model, or an old one to compare).
  harness = await startHarness({ STUN_URLS: '', CALL_RING_SECONDS: '30' }, { frontendDir: dist });
});

afterAll(async () => {
  for (const browser of patientBrowsers) await browser.close().catch(() => undefined);
  for (const clip of clips) removeClip(clip);
  await harness?.close();
});

/**
 * Runs in the page before the app: collects the main thread's long tasks and the app's User Timing
 * entries for gestures (recognition/timing.ts), which the app clears at once: an observer still sees them.
 */
const WATCH_MAIN_THREAD = `(() => {
  const watch = { longTasks: [], frames: [], actions: [] };
  window.__gestureWatch = watch;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) watch.longTasks.push({ at: entry.startTime, ms: entry.duration });
  }).observe({ type: 'longtask', buffered: true });
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries())
      if (entry.name === 'careline:gesture-frame') watch.frames.push({ at: entry.startTime, ms: entry.duration, ...entry.detail });
  }).observe({ type: 'measure' });
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries())
      if (entry.name === 'careline:gesture-action') watch.actions.push({ at: entry.startTime, ...entry.detail });
  }).observe({ type: 'mark' });
})()`;

interface MainThreadWatch {
  longTasks: { at: number; ms: number }[];
  frames: { at: number; ms: number; recognitionMs: number; runsOn: string }[];
  actions: { at: number; action: string }[];
}

const watched = (page: Page) => page.evaluate<MainThreadWatch>('window.__gestureWatch');
const pageNow = (page: Page) => page.evaluate<number>('performance.now()');

async function signedIn(
  browser: Browser,
  user: TestUser,
  pathname: string,
  prepare?: (page: Page) => Promise<void>,
): Promise<Page> {
  const context = await browser.newContext({ baseURL: harness.baseUrl });
  await context.addCookies([{ name: 'jwt', value: user.cookie.replace(/^jwt=/, ''), url: harness.baseUrl }]);
  const page = await context.newPage();
  await page.addInitScript(WATCH_MAIN_THREAD);
  await prepare?.(page);
  await page.goto(pathname);
  await page.getByRole('status').filter({ hasText: 'Connected' }).waitFor();
  return page;
}

const callScreen = (page: Page) => page.getByRole('dialog');
const gesturesSwitch = (page: Page) => callScreen(page).getByRole('button', { name: 'Hands-free gestures' });
const gestureStatus = (page: Page, text: string | RegExp) => callScreen(page).getByText(text);
const callControls = (page: Page) => callScreen(page).getByRole('group', { name: 'Call controls' });
/** The labels say what pressing does ("Mute" / "Unmute"); the state is aria-pressed. */
const muteButton = (page: Page) => callControls(page).getByRole('button', { name: /^(Mute|Unmute)$/ });
const cameraButton = (page: Page) => callControls(page).getByRole('button', { name: /camera/i });

/**
 * A patient whose camera plays `segments` (looped) and a doctor on the default fake camera, in a call.
 * `prepare`: set up the patient's page before it loads (e.g. routes); `gestures: false`: leave them off.
 */
async function callWithGestures(
  segments: ClipSegment[],
  names: [string, string],
  options: { prepare?: (page: Page) => Promise<void>; gestures?: boolean } = {},
) {
  const { page: decoder } = await harness.newPage();
  const clip = await makeClip(decoder, segments);
  clips.push(clip);
  const patientBrowser = await launchWithCamera(clip, CHROMIUM_PATH, CHROMIUM_ARGS);
  patientBrowsers.push(patientBrowser);
  const { doctor, patient } = await consultedPair(harness.server, { patient: names[0], doctor: names[1] });
  const patientPage = await signedIn(patientBrowser, patient, `/messages/${doctor.id}`, options.prepare);
  const doctorPage = await signedIn(harness.browser, doctor, `/messages/${patient.id}`);

  await doctorPage.getByRole('button', { name: `Video call ${patient.name}` }).click();
  const start = callScreen(doctorPage).getByRole('button', { name: 'Start call' });
  await expect.poll(() => start.isEnabled()).toBe(true);
  await start.click();
  await callScreen(patientPage).getByRole('button', { name: 'Accept' }).click();
  const join = callScreen(patientPage).getByRole('button', { name: 'Join' });
  await expect.poll(() => join.isEnabled()).toBe(true);
  await join.click();
  for (const page of [doctorPage, patientPage])
    await callScreen(page).getByText('Connected', { exact: true }).waitFor({ timeout: 20_000 });

  if (options.gestures !== false) {
    // The switch is in view at once (no menu to open), and says it is loading until MediaPipe is ready.
    const loading = gestureStatus(patientPage, 'Gestures: Loading hand gestures…').waitFor({ timeout: 10_000 });
    await gesturesSwitch(patientPage).click();
    await loading;
    await gestureStatus(patientPage, 'Gestures: On: watching for gestures').waitFor({ timeout: 30_000 });
  }
  return { doctor, patient, doctorPage, patientPage };
}

describe('gestures with the real model and real hands', () => {
  it('an open palm held mutes (the doctor sees it); a thumb down held asks, Undo keeps the call; held again and left, the call ends on both sides', async () => {
    // Looped: each pass mutes or unmutes once and asks to hang up once.
    const { doctor, patient, doctorPage, patientPage } = await callWithGestures(
      [
        { image: 'neutral_person.jpg', seconds: 4 },
        { image: 'open_palm.jpg', seconds: 3 },
        { image: 'neutral_person.jpg', seconds: 4 },
        { image: 'thumb_down.jpg', seconds: 3.5 },
      ],
      ['Alan Turing', 'Dr Edith Clarke'],
    );
    const mute = muteButton(patientPage);
    const undo = callScreen(patientPage).getByRole('button', { name: 'Undo' });
    // Gestures may come on mid-clip, with the thumb down before the palm: undo that one, wait for the palm.
    await expect
      .poll(
        async () => {
          if (await undo.isVisible()) await undo.click();
          return mute.getAttribute('aria-pressed', { timeout: 1_000 });
        },
        { timeout: 30_000 },
      )
      .toBe('true');
    await callScreen(doctorPage).getByText('Patient muted').first().waitFor();

    await undo.waitFor({ timeout: 20_000 });
    await undo.click();
    await patientPage.waitForTimeout(3_500);
    await callScreen(patientPage).getByText('Connected', { exact: true }).waitFor();

    // Recognition ran in the worker, at a rate a hold can be measured with.
    const { frames } = await watched(patientPage);
    expect(frames.length).toBeGreaterThan(20);
    expect(new Set(frames.map((frame) => frame.runsOn))).toEqual(new Set(['worker']));

    // The next pass: the thumb down again, and nobody presses Undo.
    await undo.waitFor({ timeout: 20_000 });
    // Ended on both sides: each screen says so (with the call's length), and the thread logs the call.
    for (const [page, other] of [
      [patientPage, doctor.id],
      [doctorPage, patient.id],
    ] as const) {
      await callScreen(page)
        .getByText(/^Call ended · \d+:\d{2}$/)
        .waitFor({ timeout: 15_000 });
      await callScreen(page).getByRole('button', { name: 'Back to the thread' }).click();
      await callScreen(page).waitFor({ state: 'detached', timeout: 15_000 });
      await expect.poll(() => new URL(page.url()).pathname).toBe(`/messages/${other}`);
      await page
        .getByText(/Video call · \d+:\d{2}/)
        .first()
        .waitFor({ timeout: 15_000 });
    }
  }, 150_000);

  it('resting hands and an empty frame for 60 s do nothing, and the main thread stays free; camera off pauses gestures', async () => {
    const { patientPage, doctorPage } = await callWithGestures(
      [
        { image: 'neutral_person.jpg', seconds: 3 },
        { image: 'no_hand.jpg', seconds: 3 },
      ],
      ['Florence Nightingale', 'Dr John Snow'],
    );
    const mute = muteButton(patientPage);
    const pending = callScreen(patientPage).getByRole('button', { name: 'Undo' });
    const from = await pageNow(patientPage);
    for (let second = 0; second < 60; second++) {
      await patientPage.waitForTimeout(1_000);
      expect(await mute.getAttribute('aria-pressed')).toBe('false');
      expect(await pending.count()).toBe(0);
    }
    await gestureStatus(patientPage, 'Gestures: On: watching for gestures').waitFor();
    await callScreen(doctorPage).getByText('Connected', { exact: true }).waitFor();

    // Off the main thread: ~60 ms a frame on the page's thread was a long task every frame (hundreds a
    // minute); in the worker the page sees next to none while frames keep coming.
    const watch = await watched(patientPage);
    const frames = watch.frames.filter((frame) => frame.at >= from);
    const longTasks = watch.longTasks.filter((task) => task.at >= from);
    expect(frames.length / 60).toBeGreaterThan(2); // 4–11 a second here; the ceiling of 4 under heavy load
    expect(frames.every((frame) => frame.runsOn === 'worker')).toBe(true);
    expect(longTasks.length).toBeLessThan(30);
    expect(watch.actions).toEqual([]);

    // Camera off: gestures pause and say so; back on, they watch again.
    const camera = cameraButton(patientPage);
    await camera.click();
    await gestureStatus(patientPage, /^Gestures: Paused: your camera is off/).waitFor();
    await screenshot(patientPage, 'gestures-paused');
    await camera.click();
    await gestureStatus(patientPage, 'Gestures: On: watching for gestures').waitFor();
  }, 150_000);

  it('when gestures cannot run the switch is disabled and says why, in view; frames never leave the device', async () => {
    // A server without the model: its HEAD answers 404 (the app checks before offering the switch).
    const { patientPage } = await callWithGestures([{ image: 'no_hand.jpg', seconds: 2 }], ['Mary Seacole', 'Dr Joseph Lister'], {
      gestures: false,
      prepare: async (page) => {
        await page.route('**/models/gesture_recognizer.task', (route) => route.fulfill({ status: 404 }));
      },
    });
    const toggle = gesturesSwitch(patientPage);
    await gestureStatus(patientPage, 'Gestures: Not available: the gesture model is not installed on this server.').waitFor();
    expect(await toggle.getAttribute('aria-disabled')).toBe('true');
    await toggle.click({ force: true });
    expect(await toggle.getAttribute('aria-pressed')).toBe('false');
    await callScreen(patientPage).getByText('Camera frames never leave this device').waitFor();
    // In view without scrolling: on screen in an 800-pixel-high window, beside its reason.
    await patientPage.setViewportSize({ width: 1280, height: 800 });
    expect(await toggle.evaluate((element) => element.getBoundingClientRect().bottom <= window.innerHeight)).toBe(true);
    for (const colorScheme of ['light', 'dark'] as const) {
      await patientPage.emulateMedia({ colorScheme });
      await expectNoA11yViolations(patientPage, `gestures unavailable (${colorScheme})`);
      await screenshot(patientPage, `gestures-unavailable-${colorScheme}`);
    }
    await patientPage.setViewportSize({ width: 390, height: 844 });
    await screenshot(patientPage, 'gestures-unavailable-phone-dark');
    await patientPage.emulateMedia({ colorScheme: 'light' });
    await expectNoA11yViolations(patientPage, 'gestures unavailable (phone)');
    await screenshot(patientPage, 'gestures-unavailable-phone-light');
  }, 150_000);
});
