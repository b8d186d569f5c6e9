/// <reference types="node" />
// The documented deployment, in a real browser: the built app on one site (a host doing what
// vercel.json says) and the API on another, Chromium blocking third-party cookies as Safari,
// Firefox strict and Chrome's phase-out do. http://localhost:A and http://127.0.0.1:B are
// different sites, so a cookie the API set for itself would be a third-party cookie here.
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rooms } from '../../backend/src/realtime/types.js';
import { freePort } from '../../backend/test/child-backend.js';
import { startTestServer, type TestServer, type TestUser } from '../../backend/test/test-server.js';
import { CHROMIUM_ARGS, CHROMIUM_PATH, screenshot } from './harness';
import { consultedPair, signInThroughPage } from './people';
import { startVercelHost, type VercelHost } from './vercel-host';

let api: TestServer;
let host: VercelHost;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  const apiPort = await freePort();
  const apiOrigin = `http://127.0.0.1:${apiPort}`;
  host = await startVercelHost({ apiOrigin });
  // As render.yaml runs it: production, the frontend's origin allowed, sockets to the API's own origin.
  api = await startTestServer({
    NODE_ENV: 'production',
    JWT_SECRET: 'split-origin-test-secret-of-at-least-32-chars',
    PORT: String(apiPort),
    CORS_ORIGINS: host.url,
    SOCKET_ORIGIN: apiOrigin,
    TRUST_PROXY: '2',
    SERVE_FRONTEND: 'false',
  });
});

afterAll(async () => {
  for (const context of contexts) await context.close().catch(() => undefined);
  await host?.close();
  await api?.stop();
});

/** A browser of its own (one person), third-party cookies blocked in its profile, as a user would set it. */
async function browserBlockingThirdPartyCookies(): Promise<{ context: BrowserContext; page: Page }> {
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'careline-3pc-'));
  fs.mkdirSync(path.join(profile, 'Default'));
  fs.writeFileSync(
    path.join(profile, 'Default', 'Preferences'),
    JSON.stringify({ profile: { cookie_controls_mode: 1, block_third_party_cookies: true } }),
  );
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    args: CHROMIUM_ARGS,
    headless: true,
    baseURL: host.url,
    acceptDownloads: true,
    viewport: { width: 1280, height: 800 },
  });
  contexts.push(context);
  return { context, page: context.pages()[0] ?? (await context.newPage()) };
}

/** A 2×2 PNG, built here so the test carries no binary fixture. */
function png(): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(zlib.crc32(Buffer.concat([Buffer.from(type), data])));
    return Buffer.concat([length, Buffer.from(type), data, crc]);
  };
  const header = Buffer.from([0, 0, 0, 2, 0, 0, 0, 2, 8, 2, 0, 0, 0]);
  const pixels = zlib.deflateSync(Buffer.from([0, 200, 30, 30, 30, 200, 30, 0, 30, 30, 200, 200, 200, 30]));
  return Buffer.concat([
    Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]),
    chunk('IHDR', header),
    chunk('IDAT', pixels),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');

async function sendFile(sender: TestUser, receiver: TestUser, name: string, content: Buffer, type: string): Promise<void> {
  const answer = await api.request
    .post(`/api/messages/${receiver.id}`)
    .set('Cookie', sender.cookie)
    .set('Origin', host.url)
    .field('clientId', randomUUID())
    .attach('file', content, { filename: name, contentType: type });
  expect(answer.status).toBe(201);
}

/** Whether an <img> finished loading real pixels (a blocked response leaves it broken, width 0). */
const loaded = (page: Page, selector: string) =>
  page
    .locator(selector)
    .first()
    .evaluate((image: HTMLImageElement) => image.complete && image.naturalWidth > 0);

describe('split-origin deployment with third-party cookies blocked', () => {
  it('signs in, stays signed in, shows images, delivers messages live, downloads a PDF, rings, and signs out', async () => {
    const { patient, doctor } = await consultedPair(api, {}, host.url);
    const avatar = await api.request
      .put('/api/users/me/avatar')
      .set('Cookie', doctor.cookie)
      .set('Origin', host.url)
      .attach('avatar', png(), 'me.png');
    expect(avatar.status).toBe(200);
    await sendFile(doctor, patient, 'rash.png', png(), 'image/png');
    await sendFile(doctor, patient, 'results.pdf', PDF, 'application/pdf');

    const { page } = await browserBlockingThirdPartyCookies();
    await signInThroughPage(page, patient);
    await page.reload();
    await page.getByRole('status').filter({ hasText: 'Connected' }).waitFor();
    expect(await page.getByRole('button', { name: 'Sign in' }).count()).toBe(0);

    const doctorSide = await browserBlockingThirdPartyCookies();
    await signInThroughPage(doctorSide.page, doctor);
    await doctorSide.page.goto(`/messages/${patient.id}`);
    await doctorSide.page.getByRole('status').filter({ hasText: 'Connected' }).waitFor();

    await page.goto(`/messages/${doctor.id}`);
    await page.getByRole('heading', { level: 2, name: doctor.name }).waitFor();
    await page.getByRole('status').filter({ hasText: 'Connected' }).waitFor();
    // The image attachment comes through the page's own origin, access-checked (so does the avatar, below).
    await expect.poll(() => loaded(page, 'button[aria-label="Open image rash.png"] img')).toBe(true);

    const download = page.waitForEvent('download');
    await page
      .getByRole('log')
      .getByRole('link', { name: /results\.pdf/ })
      .click();
    expect(
      fs
        .readFileSync(await (await download).path())
        .subarray(0, 5)
        .toString(),
    ).toBe('%PDF-');

    const composer = page.getByRole('textbox', { name: /^Message to/ });
    await composer.fill('Sent across two sites');
    await composer.press('Enter');
    await doctorSide.page.getByRole('log').getByText('Sent across two sites').waitFor();
    const reply = doctorSide.page.getByRole('textbox', { name: /^Message to/ });
    await reply.fill('Received, and answered live');
    await reply.press('Enter');
    await page.getByRole('log').getByText('Received, and answered live').waitFor();
    await screenshot(page, 'split-origin-thread');

    await page.getByRole('button', { name: `Video call ${doctor.name}` }).click();
    await expect.poll(() => loaded(page, 'dialog header .avatar img')).toBe(true);
    expect(await page.locator('dialog header .avatar img').getAttribute('src')).toBe(avatar.body.user.avatarUrl);
    await page.getByRole('dialog').getByRole('button', { name: 'Start call' }).click();
    await doctorSide.page.getByRole('dialog').getByRole('button', { name: 'Accept' }).waitFor({ timeout: 15_000 });
    await page
      .getByRole('dialog')
      .getByRole('button', { name: /Cancel|Hang up|End/ })
      .first()
      .click();

    expect(await api.context.io.in(rooms.user(patient.id)).fetchSockets()).not.toHaveLength(0);
    await page.getByRole('button', { name: 'Log out' }).click();
    await page.getByRole('button', { name: 'Sign in' }).waitFor();
    await expect
      .poll(async () => (await api.context.io.in(rooms.user(patient.id)).fetchSockets()).length, { timeout: 3_000 })
      .toBe(0);
  }, 150_000);
});
