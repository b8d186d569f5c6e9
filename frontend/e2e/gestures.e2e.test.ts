/// <reference types="node" />
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestUser } from '../../backend/test/test-server.js';
import { launchWithCamera, makeClip, type ClipSegment } from './gesture-harness';
import { startHarness, type Harness } from './harness';
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
  for (const clip of clips) fs.rmSync(path.dirname(clip), { recursive: true, force: true });
  await harness?.close();
});

async function signedIn(browser: Browser, user: TestUser, pathname: string): Promise<Page> {
  const context = await browser.newContext({ baseURL: harness.baseUrl });
  await context.addCookies([{ name: 'jwt', value: user.cookie.replace(/^jwt=/, ''), url: harness.baseUrl }]);
  const page = await context.newPage();
  await page.goto(pathname);
  await page.getByRole('status').filter({ hasText: 'Connected' }).waitFor();
  return page;
}

const callScreen = (page: Page) => page.getByRole('dialog');

/** A patient whose camera plays `segments` (looped) and a doctor on the default fake camera, in a call, gestures on. */
async function callWithGestures(segments: ClipSegment[], names: [string, string]) {
  const { page: decoder } = await harness.newPage();
  const clip = await makeClip(decoder, segments);
  clips.push(clip);
  const patientBrowser = await launchWithCamera(clip);
  patientBrowsers.push(patientBrowser);
  const { doctor, patient } = await consultedPair(harness.server, { patient: names[0], doctor: names[1] });
  const patientPage = await signedIn(patientBrowser, patient, `/messages/${doctor.id}`);
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

  await callScreen(patientPage).getByText('Settings').click();
  await callScreen(patientPage).getByRole('button', { name: 'Hands-free gestures' }).click();
  await callScreen(patientPage).getByText('Gestures: On: watching for gestures').waitFor({ timeout: 30_000 });
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
    const mute = callScreen(patientPage).getByRole('button', { name: 'Mute', exact: true });
    await expect.poll(() => mute.getAttribute('aria-pressed'), { timeout: 20_000 }).toBe('true');
    await callScreen(doctorPage).getByText('Patient muted').first().waitFor();

    const undo = callScreen(patientPage).getByRole('button', { name: 'Undo' });
    await undo.waitFor({ timeout: 20_000 });
    await undo.click();
    await patientPage.waitForTimeout(3_500);
    await callScreen(patientPage).getByText('Connected', { exact: true }).waitFor();

    // The next pass: the thumb down again, and nobody presses Undo.
    await undo.waitFor({ timeout: 20_000 });
    for (const [page, other] of [
      [patientPage, doctor.id],
      [doctorPage, patient.id],
    ] as const) {
      await callScreen(page).waitFor({ state: 'detached', timeout: 15_000 });
      await expect.poll(() => new URL(page.url()).pathname).toBe(`/messages/${other}`);
      await page
        .getByText(/Video call · \d+:\d{2}/)
        .first()
        .waitFor({ timeout: 15_000 });
    }
  }, 150_000);

  it('resting hands and an empty frame for 60 s do nothing', async () => {
    const { patientPage, doctorPage } = await callWithGestures(
      [
        { image: 'neutral_person.jpg', seconds: 3 },
        { image: 'no_hand.jpg', seconds: 3 },
      ],
      ['Florence Nightingale', 'Dr John Snow'],
    );
    const mute = callScreen(patientPage).getByRole('button', { name: 'Mute', exact: true });
    const pending = callScreen(patientPage).getByRole('button', { name: 'Undo' });
    for (let second = 0; second < 60; second++) {
      await patientPage.waitForTimeout(1_000);
      expect(await mute.getAttribute('aria-pressed')).toBe('false');
      expect(await pending.count()).toBe(0);
    }
    await callScreen(patientPage).getByText('Gestures: On: watching for gestures').waitFor();
    await callScreen(doctorPage).getByText('Connected', { exact: true }).waitFor();
  }, 150_000);
});
