/// <reference types="node" />
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConsultationModel } from '../../backend/src/modules/consultations/consultation.model.js';
import type { TestUser } from '../../backend/test/test-server.js';
import { expectNoA11yViolations, screenshot, startHarness, type Harness } from './harness';

let harness: Harness;

beforeAll(async () => {
  // No STUN: this machine has no internet, and two browsers on one host connect on host candidates.
  harness = await startHarness({ STUN_URLS: '', CALL_RING_SECONDS: '30' });
});

afterAll(async () => {
  await harness?.close();
});

/** What a test reads from `window.__CARELINE_CALL_STATS__` (installed under automation only). */
interface CallStats {
  status: string;
  videoBytesReceived: number;
  bytesReceived: number;
}

/** A doctor and a patient with an active consultation: allowed to call each other. */
async function careTeam(
  patientName = 'Grace Hopper',
  doctorName = 'Dr Ada Byron',
): Promise<{ doctor: TestUser; patient: TestUser }> {
  const doctor = await harness.server.createUser('doctor', { name: doctorName });
  const patient = await harness.server.createUser('patient', { name: patientName });
  await ConsultationModel.create({
    patientId: patient.id,
    doctorId: doctor.id,
    reason: 'test',
    urgency: 'routine',
    urgencyRank: 1,
    status: 'active',
    createdAt: new Date(),
    acceptedAt: new Date(),
  });
  return { doctor, patient };
}

/** A browser context signed in as `user` (its own cookies: another person), on `path`. */
async function signedIn(user: TestUser, pathname: string): Promise<Page> {
  const { context, page } = await harness.newPage();
  await context.addCookies([{ name: 'jwt', value: user.cookie.replace(/^jwt=/, ''), url: harness.baseUrl }]);
  await page.goto(pathname);
  await page.getByRole('status').filter({ hasText: 'Connected' }).waitFor();
  return page;
}

const callScreen = (page: Page) => page.getByRole('dialog');
const stats = (page: Page) => page.evaluate(() => window.__CARELINE_CALL_STATS__!() as Promise<CallStats>);

/** The doctor calls from the thread, the patient accepts and joins: both connected. */
async function connectCall(doctorPage: Page, patientPage: Page, patient: TestUser): Promise<void> {
  await doctorPage.getByRole('button', { name: `Video call ${patient.name}` }).click();
  await callScreen(doctorPage)
    .getByRole('heading', { name: `Video call with ${patient.name}` })
    .waitFor();
  const start = callScreen(doctorPage).getByRole('button', { name: 'Start call' });
  await expect.poll(() => start.isEnabled()).toBe(true);
  await start.click();

  await callScreen(patientPage).getByRole('button', { name: 'Accept' }).click();
  const join = callScreen(patientPage).getByRole('button', { name: 'Join' });
  await expect.poll(() => join.isEnabled()).toBe(true);
  await join.click();

  for (const page of [doctorPage, patientPage]) {
    await callScreen(page).getByText('Connected', { exact: true }).waitFor({ timeout: 20_000 });
  }
}

/** Waits until this page shows the other person's video: frames decoded and bytes still arriving. */
async function expectRemoteVideo(page: Page, otherName: string): Promise<void> {
  const remote = page.getByLabel(`Video of ${otherName}`);
  await expect.poll(() => remote.evaluate((video: HTMLVideoElement) => video.videoWidth), { timeout: 20_000 }).toBeGreaterThan(0);
  const before = await stats(page);
  expect(before.status).toBe('connected');
  expect(before.videoBytesReceived).toBeGreaterThan(0);
  await expect
    .poll(async () => (await stats(page)).videoBytesReceived, { timeout: 10_000 })
    .toBeGreaterThan(before.videoBytesReceived);
}

/** After the call: no overlay, back on the thread with that person, which shows the call and its length. */
async function expectBackOnThread(page: Page, otherId: string): Promise<void> {
  await callScreen(page).waitFor({ state: 'detached', timeout: 15_000 });
  await expect.poll(() => new URL(page.url()).pathname).toBe(`/messages/${otherId}`);
  await page
    .getByText(/Video call · \d+:\d{2}/)
    .first()
    .waitFor({ timeout: 15_000 });
}

describe('video calls', () => {
  it('the doctor calls from the thread, the patient joins, media flows both ways, mute shows on the other side, and hang-up returns both to the thread', async () => {
    const { doctor, patient } = await careTeam();
    const patientPage = await signedIn(patient, `/messages/${doctor.id}`);
    const doctorPage = await signedIn(doctor, `/messages/${patient.id}`);

    await connectCall(doctorPage, patientPage, patient);
    await expectRemoteVideo(doctorPage, patient.name);
    await expectRemoteVideo(patientPage, doctor.name);

    // The patient mutes: the button says so, screen readers hear it, and the doctor sees it.
    const mute = callScreen(patientPage).getByRole('button', { name: 'Mute', exact: true });
    await mute.click();
    expect(await mute.getAttribute('aria-pressed')).toBe('true');
    await callScreen(patientPage).getByText('Microphone muted').waitFor();
    await callScreen(doctorPage).getByText('Patient muted').first().waitFor();

    // The model ships with the app: gestures switch on mid-call, and the call goes on.
    await callScreen(doctorPage).getByText('Settings').click();
    const gestures = callScreen(doctorPage).getByRole('button', { name: 'Hands-free gestures' });
    expect(await gestures.getAttribute('aria-pressed')).toBe('false');
    await gestures.click();
    await callScreen(doctorPage).getByText(/^Gestures: On/).waitFor({ timeout: 30_000 });
    expect((await stats(doctorPage)).status).toBe('connected');

    await expectNoA11yViolations(doctorPage, 'the call screen');
    await screenshot(doctorPage, 'video-call');

    await callScreen(doctorPage).getByRole('button', { name: 'Hang up' }).click();
    await expectBackOnThread(doctorPage, patient.id);
    await expectBackOnThread(patientPage, doctor.id);
  });

  it('hands-free with the real model out of the box: gestures switch on, and a camera with no hand does nothing', async () => {
    // Real MediaPipe and the model shipped in public/models/ (no fake recognizer: production builds have no
    // seam for one). Chromium's default fake camera shows no hand, so nothing may happen.
    const { doctor, patient } = await careTeam('Alan Turing', 'Dr Edith Clarke');
    const patientPage = await signedIn(patient, `/messages/${doctor.id}`);
    const doctorPage = await signedIn(doctor, `/messages/${patient.id}`);
    await connectCall(doctorPage, patientPage, patient);

    await callScreen(patientPage).getByText('Settings').click();
    await callScreen(patientPage).getByRole('button', { name: 'Hands-free gestures' }).click();
    await callScreen(patientPage).getByText('Gestures: On: watching for gestures').waitFor({ timeout: 30_000 });

    await patientPage.waitForTimeout(5_000);
    expect(await callScreen(patientPage).getByRole('button', { name: 'Mute', exact: true }).getAttribute('aria-pressed')).toBe(
      'false',
    );
    expect((await stats(patientPage)).status).toBe('connected');
    await callScreen(doctorPage).getByRole('button', { name: 'Hang up' }).click();
    await expectBackOnThread(patientPage, doctor.id);
  });

  it('calling someone who is offline says so', async () => {
    const { doctor, patient } = await careTeam('Mary Seacole', 'Dr Joseph Lister');
    const doctorPage = await signedIn(doctor, `/messages/${patient.id}`);
    await doctorPage.getByRole('button', { name: `Video call ${patient.name}` }).click();
    const start = callScreen(doctorPage).getByRole('button', { name: 'Start call' });
    await expect.poll(() => start.isEnabled()).toBe(true);
    // The pre-call check: the camera, a live microphone meter, the devices.
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
    await start.click();

    await callScreen(doctorPage)
      .getByRole('alert')
      .filter({ hasText: `${patient.name} is offline` })
      .waitFor();
    await callScreen(doctorPage).getByRole('button', { name: 'Close' }).click();
    await callScreen(doctorPage).waitFor({ state: 'detached' });
  });
});

describe('the gesture library stays out of the first load', () => {
  const dist = fileURLToPath(new URL('../dist', import.meta.url));
  // A name only MediaPipe's own code contains (not our dynamic import of it).
  const MEDIAPIPE_MARKER = 'wasmLoaderPath';

  it('MediaPipe is a chunk of its own, loaded by dynamic import only; its WASM is served from our origin', () => {
    const chunks = fs.readdirSync(path.join(dist, 'assets')).filter((name) => name.endsWith('.js'));
    const withMediaPipe = chunks.filter((name) =>
      fs.readFileSync(path.join(dist, 'assets', name), 'utf8').includes(MEDIAPIPE_MARKER),
    );
    expect(withMediaPipe).toHaveLength(1);
    expect(withMediaPipe[0]).toMatch(/^vision_bundle-/);
    expect(fs.readFileSync(path.join(dist, 'index.html'), 'utf8')).not.toContain('vision_bundle');
    expect(fs.existsSync(path.join(dist, 'mediapipe/wasm/vision_wasm_internal.wasm'))).toBe(true);
    expect(fs.existsSync(path.join(dist, 'mediapipe/wasm/vision_wasm_internal.js'))).toBe(true);
  });
});
