/// <reference types="node" />
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestUser } from '../../backend/test/test-server.js';
import { expectNoA11yViolations, screenshot, startHarness, type Harness } from './harness';
import { consultedPair } from './people';

let harness: Harness;

beforeAll(async () => {
  // No STUN: this machine has no internet, and two browsers on one host connect on host candidates.
  harness = await startHarness({ STUN_URLS: '', CALL_RING_SECONDS: '30' });
});

afterAll(async () => {
  await harness?.close();
});

const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };

/** What a test reads from the page's newest RTCPeerConnection. */
interface CallStats {
  connectionState: string;
  videoBytesReceived: number;
  bytesReceived: number;
}

/**
 * Keeps every RTCPeerConnection the page makes, so a test can ask it for `getStats()`. Injected by
 * the test into its own browser before any page script runs: the app has no door for it.
 */
function keepPeerConnections(): void {
  const Native = window.RTCPeerConnection;
  const made: RTCPeerConnection[] = [];
  class Kept extends Native {
    constructor(...args: ConstructorParameters<typeof RTCPeerConnection>) {
      super(...args);
      made.push(this);
    }
  }
  Object.defineProperty(window, 'RTCPeerConnection', { value: Kept, configurable: true, writable: true });
  Object.defineProperty(window, '__testPeerConnections', { value: made });
}

/** The newest peer connection's state and its inbound RTP byte counters. */
const stats = (page: Page) =>
  page.evaluate(async (): Promise<CallStats> => {
    const made = (window as unknown as { __testPeerConnections: RTCPeerConnection[] }).__testPeerConnections;
    const pc = made[made.length - 1];
    if (!pc) return { connectionState: 'none', videoBytesReceived: 0, bytesReceived: 0 };
    const result = { connectionState: pc.connectionState as string, videoBytesReceived: 0, bytesReceived: 0 };
    (await pc.getStats()).forEach((entry: { type: string; kind?: string; bytesReceived?: number }) => {
      if (entry.type !== 'inbound-rtp') return;
      result.bytesReceived += entry.bytesReceived ?? 0;
      if (entry.kind === 'video') result.videoBytesReceived += entry.bytesReceived ?? 0;
    });
    return result;
  });

/** A doctor and a patient with an active consultation (asked and accepted through the API): allowed to call each other. */
function careTeam(patientName = 'Grace Hopper', doctorName = 'Dr Ada Byron'): Promise<{ doctor: TestUser; patient: TestUser }> {
  return consultedPair(harness.server, { patient: patientName, doctor: doctorName });
}

interface PageOptions {
  viewport?: { width: number; height: number };
  colorScheme?: 'light' | 'dark';
}

/** A browser context signed in as `user` (its own cookies: another person), on `path`. */
async function signedIn(
  user: TestUser,
  pathname: string,
  options: PageOptions = {},
): Promise<{ page: Page; context: BrowserContext }> {
  const { context, page } = await harness.newPage({ colorScheme: options.colorScheme ?? 'light' });
  await page.setViewportSize(options.viewport ?? DESKTOP);
  await context.addInitScript(keepPeerConnections);
  await context.addCookies([{ name: 'jwt', value: user.cookie.replace(/^jwt=/, ''), url: harness.baseUrl }]);
  await page.goto(pathname);
  await page.getByRole('status').filter({ hasText: 'Connected' }).waitFor();
  return { page, context };
}

const callScreen = (page: Page) => page.getByRole('dialog');
const callButton = (page: Page, other: TestUser) => page.getByRole('button', { name: `Video call ${other.name}` });

/** The doctor calls from the thread, the patient accepts and joins: both connected. */
async function connectCall(doctorPage: Page, patientPage: Page, patient: TestUser): Promise<void> {
  await expect.poll(() => callButton(doctorPage, patient).isEnabled()).toBe(true);
  await callButton(doctorPage, patient).click();
  await callScreen(doctorPage)
    .getByRole('heading', { name: `Video call with ${patient.name}` })
    .waitFor();
  const start = callScreen(doctorPage).getByRole('button', { name: 'Start call' });
  await expect.poll(() => start.isEnabled()).toBe(true);
  await start.click();
  await answer(patientPage);
  for (const page of [doctorPage, patientPage]) {
    await callScreen(page).getByText('Connected', { exact: true }).waitFor({ timeout: 20_000 });
  }
}

/** Accept on the ringing call, then Join from the pre-call check. */
async function answer(page: Page): Promise<void> {
  await callScreen(page).getByRole('button', { name: 'Accept' }).click();
  const join = callScreen(page).getByRole('button', { name: 'Join' });
  await expect.poll(() => join.isEnabled()).toBe(true);
  await join.click();
}

/** Waits until this page shows the other person's video: frames decoded and bytes still arriving. */
async function expectRemoteVideo(page: Page, otherName: string): Promise<void> {
  const remote = page.getByLabel(`Video of ${otherName}`);
  await expect.poll(() => remote.evaluate((video: HTMLVideoElement) => video.videoWidth), { timeout: 20_000 }).toBeGreaterThan(0);
  const before = await stats(page);
  expect(before.connectionState).toBe('connected');
  expect(before.videoBytesReceived).toBeGreaterThan(0);
  await expect
    .poll(async () => (await stats(page)).videoBytesReceived, { timeout: 10_000 })
    .toBeGreaterThan(before.videoBytesReceived);
}

/** "Call ended · 0:11": the connected call's length, m:ss. */
const ENDED = /^Call ended · \d+:\d{2}$/;

async function expectEndedView(page: Page): Promise<string> {
  const summary = callScreen(page).getByText(ENDED);
  await summary.waitFor({ timeout: 15_000 });
  await callScreen(page).getByRole('button', { name: 'Back to the thread' }).waitFor();
  await callScreen(page).getByRole('button', { name: 'Call again' }).waitFor();
  return (await summary.textContent()) ?? '';
}

/** After "Back to the thread": no overlay, on the thread with that person, which shows the call and its length. */
async function expectBackOnThread(page: Page, otherId: string): Promise<void> {
  await callScreen(page).waitFor({ state: 'detached', timeout: 15_000 });
  await expect.poll(() => new URL(page.url()).pathname).toBe(`/messages/${otherId}`);
  await page
    .getByText(/Video call · \d+:\d{2}/)
    .first()
    .waitFor({ timeout: 15_000 });
}

/** The hands-free gestures switch (the gestures feature's), opening its panel first if it is folded away. */
async function gesturesSwitch(page: Page) {
  const toggle = callScreen(page).getByRole('button', { name: 'Hands-free gestures' });
  const settings = callScreen(page).getByText('Settings', { exact: true });
  if (!(await toggle.isVisible()) && (await settings.count()) > 0) await settings.click();
  return toggle;
}

/** Buttons and fields in the call screen smaller than 44×44 px: what a thumb misses. */
async function smallTapTargets(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('dialog button, dialog select, dialog summary, dialog a')]
      .filter((element) => element.offsetParent !== null && !element.closest('.visually-hidden'))
      .filter((element) => {
        const box = element.getBoundingClientRect();
        return box.width > 0 && (box.width < 43.5 || box.height < 43.5);
      })
      .map((element) => {
        const box = element.getBoundingClientRect();
        const name = (element.getAttribute('aria-label') ?? element.textContent ?? '').trim().slice(0, 30);
        return `${element.tagName.toLowerCase()} "${name}" ${Math.round(box.width)}×${Math.round(box.height)}`;
      }),
  );
}

/** How far the page and the call screen scroll: 0 when everything fits. */
const overflow = (page: Page) =>
  page.evaluate(() => {
    const dialog = document.querySelector('dialog');
    return {
      page: document.scrollingElement!.scrollHeight - window.innerHeight,
      dialog: dialog ? dialog.scrollHeight - dialog.clientHeight : 0,
    };
  });

describe('video calls', () => {
  it('media flows both ways; the controls say what pressing does and show their state; hang-up shows "Call ended · m:ss" on both sides; Call again rings; Back to the thread returns', async () => {
    const { doctor, patient } = await careTeam();
    const { page: patientPage } = await signedIn(patient, `/messages/${doctor.id}`, { colorScheme: 'dark' });
    const { page: doctorPage } = await signedIn(doctor, `/messages/${patient.id}`);

    await connectCall(doctorPage, patientPage, patient);
    await expectRemoteVideo(doctorPage, patient.name);
    await expectRemoteVideo(patientPage, doctor.name);
    // Both people's avatars: the other person in the header, whoever is on screen.
    await callScreen(doctorPage)
      .getByRole('heading', { name: `Video call with ${patient.name}` })
      .waitFor();

    // Mute: the label says what pressing does next, the toggle is pressed, and a note says so.
    const patientCall = callScreen(patientPage);
    await patientCall.getByRole('button', { name: 'Mute', exact: true }).click();
    const unmute = patientCall.getByRole('button', { name: 'Unmute', exact: true });
    expect(await unmute.getAttribute('aria-pressed')).toBe('true');
    await patientCall.getByText('You are muted', { exact: true }).waitFor();
    await callScreen(doctorPage).getByText('Patient muted').first().waitFor();

    // Camera off: the same, and the preview shows the patient's initials instead of a black box.
    await patientCall.getByRole('button', { name: 'Turn camera off', exact: true }).click();
    const cameraOn = patientCall.getByRole('button', { name: 'Turn camera on', exact: true });
    expect(await cameraOn.getAttribute('aria-pressed')).toBe('true');
    await patientCall.getByRole('img', { name: 'Your camera is off' }).getByText('GH', { exact: true }).waitFor();
    await callScreen(doctorPage).getByText("Patient's camera is off").first().waitFor();
    await expectNoA11yViolations(patientPage, 'the call screen, muted and camera off (dark)');
    await screenshot(patientPage, 'video-call-muted-dark');

    // And back: labels, states and the note follow.
    await unmute.click();
    expect(await patientCall.getByRole('button', { name: 'Mute', exact: true }).getAttribute('aria-pressed')).toBe('false');
    await patientCall.getByText('You are muted', { exact: true }).waitFor({ state: 'detached' });
    await cameraOn.click();
    expect(await patientCall.getByRole('button', { name: 'Turn camera off', exact: true }).getAttribute('aria-pressed')).toBe(
      'false',
    );
    await patientCall.getByRole('img', { name: 'Your camera is off' }).waitFor({ state: 'detached' });

    // The model ships with the app: gestures switch on mid-call, and the call goes on.
    const gestures = await gesturesSwitch(doctorPage);
    expect(await gestures.getAttribute('aria-pressed')).toBe('false');
    await gestures.click();
    await callScreen(doctorPage)
      .getByText(/^Gestures: On/)
      .waitFor({ timeout: 30_000 });
    expect((await stats(doctorPage)).connectionState).toBe('connected');

    await expectNoA11yViolations(doctorPage, 'the call screen (light)');
    await screenshot(doctorPage, 'video-call');

    // The doctor hangs up: both sides see how long the call lasted, neither is sent away silently.
    await callScreen(doctorPage).getByRole('button', { name: 'Hang up' }).click();
    const doctorSays = await expectEndedView(doctorPage);
    const patientSays = await expectEndedView(patientPage);
    expect(doctorSays).not.toBe('Call ended · 0:00');
    expect([doctorSays, patientSays].every((text) => ENDED.test(text))).toBe(true);
    await expectNoA11yViolations(doctorPage, 'the call-ended view (light)');
    await expectNoA11yViolations(patientPage, 'the call-ended view (dark)');
    await screenshot(doctorPage, 'video-call-ended-light');
    await screenshot(patientPage, 'video-call-ended-dark');

    await callScreen(doctorPage).getByRole('button', { name: 'Back to the thread' }).click();
    await expectBackOnThread(doctorPage, patient.id);

    // The patient calls again: it rings on the doctor's side straight away.
    await callScreen(patientPage).getByRole('button', { name: 'Call again' }).click();
    await callScreen(doctorPage).getByRole('button', { name: 'Accept' }).waitFor({ timeout: 15_000 });
    await callScreen(patientPage).getByText('Ringing…', { exact: true }).waitFor();
    // Declined: the caller is told, and can go back to the thread.
    await callScreen(doctorPage).getByRole('button', { name: 'Decline' }).click();
    await callScreen(doctorPage).waitFor({ state: 'detached' });
    await callScreen(patientPage).getByText('Declined', { exact: true }).waitFor();
    await callScreen(patientPage).getByText(`${doctor.name} declined the call.`, { exact: true }).waitFor();
    await callScreen(patientPage).getByRole('button', { name: 'Back to the thread' }).click();
    await expectBackOnThread(patientPage, doctor.id);
  });

  it('hands-free with the real model out of the box: gestures switch on, and a camera with no hand does nothing', async () => {
    // Real MediaPipe and the model shipped in public/models/ (no fake recognizer: production builds have no
    // seam for one). Chromium's default fake camera shows no hand, so nothing may happen.
    const { doctor, patient } = await careTeam('Alan Turing', 'Dr Edith Clarke');
    const { page: patientPage } = await signedIn(patient, `/messages/${doctor.id}`);
    const { page: doctorPage } = await signedIn(doctor, `/messages/${patient.id}`);
    await connectCall(doctorPage, patientPage, patient);

    await (await gesturesSwitch(patientPage)).click();
    await callScreen(patientPage).getByText('Gestures: On: watching for gestures').waitFor({ timeout: 30_000 });

    await patientPage.waitForTimeout(5_000);
    expect(await callScreen(patientPage).getByRole('button', { name: 'Mute', exact: true }).getAttribute('aria-pressed')).toBe(
      'false',
    );
    expect((await stats(patientPage)).connectionState).toBe('connected');
    await callScreen(doctorPage).getByRole('button', { name: 'Hang up' }).click();
    await expectEndedView(patientPage);
  });

  it('the call button says when the other person is offline, rings nobody, and follows their presence live', async () => {
    const { doctor, patient } = await careTeam('Mary Seacole', 'Dr Joseph Lister');
    const { page: doctorPage } = await signedIn(doctor, `/messages/${patient.id}`);

    // Offline: the button cannot ring anyone, and says why.
    await doctorPage.getByText(`${patient.name} is offline`, { exact: true }).waitFor();
    expect(await callButton(doctorPage, patient).isDisabled()).toBe(true);
    await expectNoA11yViolations(doctorPage, 'the thread, the other person offline');
    await screenshot(doctorPage, 'thread-call-offline');
    await callButton(doctorPage, patient).click({ force: true });
    expect(await callScreen(doctorPage).count()).toBe(0);

    // The patient signs in: the button is ready without a reload, and nothing rang on their side.
    const { page: patientPage, context: patientContext } = await signedIn(patient, `/messages/${doctor.id}`);
    await expect.poll(() => callButton(doctorPage, patient).isEnabled(), { timeout: 10_000 }).toBe(true);
    expect(await doctorPage.getByText(`${patient.name} is offline`, { exact: true }).count()).toBe(0);
    expect(await callScreen(patientPage).count()).toBe(0);

    // The pre-call check: the camera, a live microphone meter, the devices.
    await callButton(doctorPage, patient).click();
    const start = callScreen(doctorPage).getByRole('button', { name: 'Start call' });
    await expect.poll(() => start.isEnabled()).toBe(true);
    expect(await callScreen(doctorPage).getByLabel('Camera', { exact: true }).count()).toBe(1);
    expect(await callScreen(doctorPage).getByLabel('Microphone', { exact: true }).count()).toBe(1);
    await expect
      .poll(() =>
        callScreen(doctorPage)
          .getByLabel('Microphone level')
          .evaluate((meter: HTMLMeterElement) => meter.value),
      )
      .toBeGreaterThan(0);
    await expectNoA11yViolations(doctorPage, 'the pre-call check');
    await screenshot(doctorPage, 'video-call-precheck');
    await callScreen(doctorPage).getByRole('button', { name: 'Cancel' }).click();
    await callScreen(doctorPage).waitFor({ state: 'detached' });

    // They leave again: back to "offline".
    await patientContext.close();
    await doctorPage.getByText(`${patient.name} is offline`, { exact: true }).waitFor({ timeout: 15_000 });
    expect(await callButton(doctorPage, patient).isDisabled()).toBe(true);
  });

  it('on a phone (390×844) the call screen fits without scrolling and every control is at least 44 px; light and dark', async () => {
    const { doctor, patient } = await careTeam('Florence Nightingale', 'Dr Elizabeth Blackwell');
    const { page: patientPage } = await signedIn(patient, `/messages/${doctor.id}`, { viewport: PHONE, colorScheme: 'dark' });
    const { page: doctorPage } = await signedIn(doctor, `/messages/${patient.id}`, { viewport: PHONE });
    await connectCall(doctorPage, patientPage, patient);
    await callScreen(patientPage).getByRole('button', { name: 'Mute', exact: true }).click();
    await callScreen(patientPage).getByText('You are muted', { exact: true }).waitFor();
    await callScreen(doctorPage).getByText('Patient muted').first().waitFor();

    for (const [page, theme] of [
      [doctorPage, 'light'],
      [patientPage, 'dark'],
    ] as const) {
      expect(await overflow(page)).toEqual({ page: 0, dialog: 0 });
      expect(await smallTapTargets(page)).toEqual([]);
      await expectNoA11yViolations(page, `the call screen on a phone (${theme})`);
      await screenshot(page, `phone-video-call-${theme}`);
    }

    await callScreen(patientPage).getByRole('button', { name: 'Hang up' }).click();
    for (const [page, theme] of [
      [doctorPage, 'light'],
      [patientPage, 'dark'],
    ] as const) {
      await expectEndedView(page);
      expect(await overflow(page)).toEqual({ page: 0, dialog: 0 });
      expect(await smallTapTargets(page)).toEqual([]);
      await expectNoA11yViolations(page, `the call-ended view on a phone (${theme})`);
      await screenshot(page, `phone-video-call-ended-${theme}`);
    }
  });

  it('on a 1280×800 desktop the hands-free gestures switch is on screen without scrolling', async () => {
    const { doctor, patient } = await careTeam('Mary Anning', 'Dr James Barry');
    const { page: patientPage } = await signedIn(patient, `/messages/${doctor.id}`);
    const { page: doctorPage } = await signedIn(doctor, `/messages/${patient.id}`, { colorScheme: 'dark' });
    await connectCall(doctorPage, patientPage, patient);

    const toggle = callScreen(doctorPage).getByRole('button', { name: 'Hands-free gestures' });
    await toggle.waitFor();
    const box = (await toggle.boundingBox())!;
    expect(box.y).toBeGreaterThanOrEqual(0);
    expect(box.y + box.height).toBeLessThanOrEqual(DESKTOP.height);
    expect(await overflow(doctorPage)).toEqual({ page: 0, dialog: 0 });
    await expectNoA11yViolations(doctorPage, 'the call screen (dark)');
    await screenshot(doctorPage, 'video-call-dark');
    await callScreen(doctorPage).getByRole('button', { name: 'Hang up' }).click();
    await expectEndedView(patientPage);
  });

  it('ships no test seam: the built app never installs a stats accessor, even under automation', async () => {
    const assets = fileURLToPath(new URL('../dist/assets', import.meta.url));
    const bundles = fs.readdirSync(assets).filter((name) => name.endsWith('.js'));
    const withSeam = bundles.filter((name) =>
      fs.readFileSync(path.join(assets, name), 'utf8').includes('__CARELINE_CALL_STATS__'),
    );
    expect(withSeam).toEqual([]);
  });
});

describe('the gesture library stays out of the first load', () => {
  const dist = fileURLToPath(new URL('../dist', import.meta.url));
  // A name only MediaPipe's own code contains (not our dynamic import of it).
  const MEDIAPIPE_MARKER = 'wasmLoaderPath';

  it('MediaPipe is a chunk of its own (the gesture worker), never in the first load; its WASM is served from our origin', () => {
    const chunks = fs.readdirSync(path.join(dist, 'assets')).filter((name) => name.endsWith('.js'));
    const withMediaPipe = chunks.filter((name) =>
      fs.readFileSync(path.join(dist, 'assets', name), 'utf8').includes(MEDIAPIPE_MARKER),
    );
    expect(withMediaPipe).toHaveLength(1);
    // Loaded on demand: as a dynamic import's chunk, or as the Web Worker that runs the recognizer.
    expect(withMediaPipe[0]).toMatch(/^(vision_bundle|gesture\.worker)-/);
    const html = fs.readFileSync(path.join(dist, 'index.html'), 'utf8');
    expect(html).not.toContain(withMediaPipe[0]);
    expect(fs.existsSync(path.join(dist, 'mediapipe/wasm/vision_wasm_internal.wasm'))).toBe(true);
    expect(fs.existsSync(path.join(dist, 'mediapipe/wasm/vision_wasm_internal.js'))).toBe(true);
  });
});
