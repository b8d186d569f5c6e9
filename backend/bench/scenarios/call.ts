import type { Browser, Locator, Page } from 'playwright-core';
import { launchChromium, signedInContext } from '../lib/browser.js';
import type { BenchContext } from '../lib/context.js';
import { atMost, type Row } from '../lib/report.js';
import { startApp } from '../lib/servers.js';
import { seedActiveConsultation } from '../lib/seed.js';
import { median, msSince, nowNs, sleep, withTimeout } from '../lib/stats.js';

const CALLS = 10;

/** The doctor's and the patient's tabs, each open on their thread with the other. */
interface CallPages {
  doctor: Page;
  patient: Page;
  patientName: string;
}

// Runs in the page (a string: the backend's TypeScript has no DOM types).
const BARE_CONNECTIONS = `(async () => {
  const stream = await navigator.mediaDevices.getUserMedia({ audio: true, video: true });
  const started = performance.now();
  const a = new RTCPeerConnection();
  const b = new RTCPeerConnection();
  a.onicecandidate = (event) => void (event.candidate && b.addIceCandidate(event.candidate));
  b.onicecandidate = (event) => void (event.candidate && a.addIceCandidate(event.candidate));
  for (const track of stream.getTracks()) a.addTrack(track, stream);
  for (const track of stream.getTracks()) b.addTrack(track, stream);
  const connected = (pc) => new Promise((resolve) => {
    const check = () => pc.connectionState === 'connected' && resolve();
    pc.addEventListener('connectionstatechange', check);
    check();
  });
  const both = Promise.all([connected(a), connected(b)]);
  await a.setLocalDescription(await a.createOffer());
  await b.setRemoteDescription(a.localDescription);
  await b.setLocalDescription(await b.createAnswer());
  await a.setRemoteDescription(b.localDescription);
  await both;
  const took = performance.now() - started;
  a.close();
  b.close();
  for (const track of stream.getTracks()) track.stop();
  return took;
})()`;

/** The bare minimum: two RTCPeerConnections in one page, fake media, signalling by function call. */
const bareConnections = (page: Page) => page.evaluate<number>(BARE_CONNECTIONS);

/** Waits until the button can be clicked (the pre-call check enables it once the camera is ready). */
async function enabled(button: Locator): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (!(await button.isEnabled())) {
    if (Date.now() > deadline) throw new Error('the button stayed disabled');
    await sleep(10);
  }
}

/** The baseline: CALLS bare connections in a page of the app's origin. */
async function measureBareConnections(browser: Browser, url: string): Promise<number[]> {
  const page = await (await browser.newContext()).newPage();
  await page.goto(`${url}/login`);
  const baseline: number[] = [];
  for (let run = 0; run < CALLS; run += 1) baseline.push(await bareConnections(page));
  return baseline;
}

/** What each screen showed when a call did not connect in time (for the note and the log). */
async function describeScreens(pages: CallPages): Promise<string> {
  const screens = await Promise.all(
    [pages.doctor, pages.patient].map(async (page, index) => {
      const text = await page
        .getByRole('dialog')
        .innerText({ timeout: 2_000 })
        .catch(() => '(no call screen)');
      return `${index === 0 ? 'doctor' : 'patient'}: ${text.replace(/\s+/g, ' ').slice(0, 160)}`;
    }),
  );
  return screens.join(' | ');
}

/** The patient accepts and joins as soon as they can, until both call screens say Connected. */
async function answerCall(pages: CallPages): Promise<void> {
  await pages.patient.getByRole('dialog').getByRole('button', { name: 'Accept' }).click();
  const join = pages.patient.getByRole('dialog').getByRole('button', { name: 'Join' });
  await join.waitFor();
  await enabled(join);
  await join.click();
  await Promise.all(
    [pages.doctor, pages.patient].map((page) =>
      page.getByRole('dialog').getByText('Connected', { exact: true }).waitFor({ timeout: 20_000 }),
    ),
  );
}

/**
 * The doctor hangs up (or cancels); each call screen then shows why the call ended until its user
 * leaves it ("Back to the thread", or "Close"), which both do at once, as a user would.
 */
async function hangUp(pages: CallPages): Promise<void> {
  const hangUpButton = pages.doctor
    .getByRole('dialog')
    .getByRole('button', { name: /Hang up|Cancel|Close/ })
    .first();
  await hangUpButton.click({ timeout: 5_000 }).catch(() => undefined);
  for (const page of [pages.doctor, pages.patient]) {
    const dialog = page.getByRole('dialog');
    await dialog
      .getByRole('button', { name: /Back to the thread|Close/ })
      .click({ timeout: 10_000 })
      .catch(() => undefined);
    await dialog.waitFor({ state: 'detached', timeout: 15_000 }).catch(async () => {
      // Still open after a failed call: leave the screen the way a user would.
      await page.keyboard.press('Escape');
      await dialog.waitFor({ state: 'detached', timeout: 15_000 });
    });
  }
}

/**
 * One call from "Start call" to both Connected: its setup time, or why it did not connect. A call
 * that does not connect is a finding, not the end of the scenario: it is ended and the next goes on.
 */
async function placeCall(pages: CallPages, run: number): Promise<{ ms: number } | { failure: string }> {
  await pages.doctor.getByRole('button', { name: `Video call ${pages.patientName}` }).click();
  const start = pages.doctor.getByRole('dialog').getByRole('button', { name: 'Start call' });
  await start.waitFor();
  await enabled(start);
  const started = nowNs();
  await start.click();
  const outcome = await withTimeout(answerCall(pages), 30_000, `call ${run + 1}`).then(
    () => ({ ms: msSince(started) }),
    async (error: unknown) => ({
      failure: `call ${run + 1}: ${error instanceof Error ? error.message : String(error)}; ${await describeScreens(pages)}`,
    }),
  );
  await hangUp(pages);
  return outcome;
}

function callRows(setups: number[], baseline: number[], failures: string[]): Row[] {
  const scenario = '5 call setup';
  const setupMedian = median(setups);
  const baselineMedian = median(baseline);
  return [
    {
      scenario,
      metric: `Start call → both Connected, median of ${CALLS}`,
      value: setupMedian === null ? null : Math.round(setupMedian),
      unit: 'ms',
      target: '≤ 1500',
      baseline: baselineMedian === null ? null : Math.round(baselineMedian),
      pass: atMost(setupMedian, 1_500),
      note: `includes the callee's Accept and Join (clicked as soon as enabled); baseline: two bare RTCPeerConnections in one page; max ${Math.round(Math.max(...setups))} ms`,
    },
    {
      scenario,
      metric: `calls not connected within 30 s (of ${CALLS})`,
      value: failures.length,
      unit: '',
      target: '= 0',
      pass: failures.length === 0,
      note: failures.join(' || ').slice(0, 400),
    },
  ];
}

/**
 * 5. Call setup through the app: the doctor clicks "Start call" in the thread's call screen, the
 * patient's tab accepts and joins as soon as it can, until both call screens say Connected.
 */
export async function callScenario(context: BenchContext): Promise<Row[]> {
  const doctor = context.population.doctors[2]!;
  const patient = context.population.linkedPatients[2]!;
  await seedActiveConsultation(doctor, patient);
  // No STUN: loopback only; two browsers on one host connect on host candidates.
  const server = await startApp({ mongoUri: context.mongoUri, serveFrontend: true, env: { STUN_URLS: '' } });
  const browser = await launchChromium();
  try {
    const baseline = await measureBareConnections(browser, server.url);
    const pages: CallPages = {
      doctor: await (await signedInContext(browser, server.url, context.doctorCookies.get(doctor.id))).newPage(),
      patient: await (await signedInContext(browser, server.url, patient.cookie)).newPage(),
      patientName: patient.name,
    };
    await pages.doctor.goto(`/messages/${patient.id}`);
    await pages.patient.goto(`/messages/${doctor.id}`);
    for (const page of [pages.doctor, pages.patient])
      await page.getByRole('status').filter({ hasText: 'Connected' }).waitFor({ timeout: 30_000 });

    const setups: number[] = [];
    const failures: string[] = [];
    for (let run = 0; run < CALLS; run += 1) {
      const outcome = await placeCall(pages, run);
      if ('ms' in outcome) setups.push(outcome.ms);
      else {
        failures.push(outcome.failure);
        context.log(`  ${outcome.failure}`);
      }
    }
    if (setups.length === 0) throw new Error(`no call connected: ${failures[0] ?? ''}`);
    context.log(
      `  call setup median ${median(setups)?.toFixed(0)} ms (bare peer connections ${median(baseline)?.toFixed(0)} ms)`,
    );
    return callRows(setups, baseline, failures);
  } finally {
    await browser.close();
    await server.stop();
  }
}
