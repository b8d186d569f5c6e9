/// <reference types="node" />
import { randomBytes, randomUUID } from 'node:crypto';
import zlib from 'node:zlib';
import type { Message } from '@telehealth/shared';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rooms } from '../../backend/src/realtime/types.js';
import type { TestUser } from '../../backend/test/test-server.js';
import { expectNoA11yViolations, screenshot, startHarness, type Harness } from './harness';
import { consultedPair as consultedPairThroughApi } from './people';

let harness: Harness;

beforeAll(async () => {
  // The long-thread test writes 300 messages from one sender in a row: above the flood limit's burst.
  harness = await startHarness({ MESSAGE_BURST: '1000' });
});

afterAll(async () => {
  await harness?.close();
});

const DOCTOR_NAME = 'Dr. Grace Hopper';
const PATIENT_NAME = 'Ada Lovelace';

/** A patient and a doctor who have had a consultation together, so they may message each other. */
const consultedPair = () => consultedPairThroughApi(harness.server, { patient: PATIENT_NAME, doctor: DOCTOR_NAME });

/** A browser context signed in as the user (their session cookie), on their thread with `partner`. */
async function openThread(
  user: TestUser,
  partner: TestUser,
  colorScheme: 'light' | 'dark' = 'light',
): Promise<{ context: BrowserContext; page: Page }> {
  const { context, page } = await harness.newPage({ colorScheme });
  await context.addCookies([{ name: 'jwt', value: user.cookie.slice('jwt='.length), url: harness.baseUrl }]);
  await page.goto(`/messages/${partner.id}`);
  await page.getByRole('heading', { level: 2, name: partner.name }).waitFor();
  await page.getByRole('status').filter({ hasText: 'Connected' }).waitFor();
  await page.getByRole('log').waitFor();
  return { context, page };
}

const log = (page: Page) => page.getByRole('log');
const rows = (page: Page) => log(page).locator('[data-message-id]');
const row = (page: Page, text: string) => rows(page).filter({ hasText: text });
const composer = (page: Page) => page.getByRole('textbox', { name: /^(Message to|Edit message)/ });

async function send(page: Page, text: string): Promise<void> {
  await composer(page).fill(text);
  await composer(page).press('Enter');
}

/** What the two people wrote in the thread, as the server stores it, read as `user` (the consultation's own entries aside). */
async function history(user: TestUser, partner: TestUser, query = ''): Promise<Message[]> {
  const response = await harness.server.request.get(`/api/messages/${partner.id}${query}`).set('Cookie', user.cookie);
  expect(response.status).toBe(200);
  return (response.body as { messages: Message[] }).messages.filter((message) => message.kind !== 'system');
}

async function sendThroughApi(sender: TestUser, receiver: TestUser, body: Record<string, unknown>): Promise<Message> {
  const response = await harness.server.request
    .post(`/api/messages/${receiver.id}`)
    .set('Cookie', sender.cookie)
    .send({ clientId: randomUUID(), ...body });
  expect(response.status).toBe(201);
  return (response.body as { message: Message }).message;
}

/** A real PNG of random pixels: it does not compress, so its upload takes a moment on a throttled link. */
function noisyPng(width: number, height: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(zlib.crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB
  const rows: Buffer[] = [];
  for (let y = 0; y < height; y += 1) rows.push(Buffer.concat([Buffer.from([0]), randomBytes(width * 3)]));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', zlib.deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const SMALL_PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);

async function attach(page: Page, file: { name: string; mimeType: string; buffer: Buffer }): Promise<void> {
  const [chooser] = await Promise.all([
    page.waitForEvent('filechooser'),
    page.getByRole('button', { name: 'Attach file' }).click(),
  ]);
  await chooser.setFiles(file);
}

describe('a patient and their doctor chatting', () => {
  it('send both ways, see typing and read ticks, reply and jump to the original, react, edit and delete', async () => {
    const { patient, doctor } = await consultedPair();
    const { page: patientPage } = await openThread(patient, doctor);
    const { page: doctorPage } = await openThread(doctor, patient);

    // Presence: each sees the other online.
    await patientPage.getByText('Online', { exact: true }).waitFor();

    await send(patientPage, 'Hello doctor, I have a question');
    await row(doctorPage, 'Hello doctor, I have a question').waitFor();
    // The doctor has the thread on screen, so it is read at once: two ticks, said in words.
    await row(patientPage, 'Hello doctor, I have a question').getByText('Read', { exact: true }).waitFor();

    // The doctor types; the patient sees it, and it goes away once the message is sent.
    await composer(doctorPage).pressSequentially('Of course', { delay: 30 });
    const typing = patientPage.getByRole('status').filter({ hasText: `${DOCTOR_NAME} is typing…` });
    await typing.waitFor();
    await composer(doctorPage).press('Enter');
    await row(patientPage, 'Of course').waitFor();
    await typing.waitFor({ state: 'detached' });

    // A reply quotes the original; the quote leads back to it.
    await row(doctorPage, 'Hello doctor').getByRole('button', { name: 'Reply', exact: true }).click();
    await doctorPage.getByText(`Replying to ${PATIENT_NAME}`).waitFor();
    await send(doctorPage, 'What is it about?');
    const reply = row(patientPage, 'What is it about?');
    await reply.getByRole('button', { name: /^Reply to You ?: ?Hello doctor/ }).click();
    expect(await row(patientPage, 'Hello doctor').first().isVisible()).toBe(true);

    // Reactions: toggled, counted on both screens.
    await row(patientPage, 'Of course').getByRole('button', { name: 'React', exact: true }).click();
    await row(patientPage, 'Of course').getByRole('button', { name: '👍', exact: true }).click();
    await row(doctorPage, 'Of course').getByRole('button', { name: '👍 1' }).waitFor();
    await row(patientPage, 'Of course').getByRole('button', { name: '👍 1, including you' }).click();
    await row(doctorPage, 'Of course').getByRole('button', { name: /^👍/ }).waitFor({ state: 'detached' });

    // Edit from the message menu, with the keyboard.
    const mine = row(patientPage, 'Hello doctor, I have a question');
    await mine.getByRole('button', { name: 'More actions' }).focus();
    await patientPage.keyboard.press('Enter');
    await patientPage.getByRole('menuitem', { name: 'Edit' }).waitFor();
    expect(await patientPage.evaluate(() => document.activeElement?.textContent)).toBe('Edit');
    await patientPage.keyboard.press('Enter');
    await expect.poll(() => composer(patientPage).inputValue()).toBe('Hello doctor, I have a question');
    await composer(patientPage).fill('Hello doctor, I have two questions');
    await composer(patientPage).press('Enter');
    await row(doctorPage, 'I have two questions').getByText('edited').waitFor();

    // Delete asks once; cancelling keeps the message.
    const showing = await row(patientPage, 'I have two questions').count();
    await row(patientPage, 'I have two questions').first().getByRole('button', { name: 'More actions' }).click();
    await patientPage.getByRole('menuitem', { name: 'Delete' }).click();
    const confirmDelete = patientPage.getByRole('dialog', { name: 'Delete for everyone?' });
    await confirmDelete.getByRole('button', { name: 'Cancel' }).click();
    await confirmDelete.waitFor({ state: 'detached' });
    expect(await row(patientPage, 'I have two questions').count()).toBe(showing);
    expect((await history(patient, doctor)).some((message) => message.deleted)).toBe(false);
    // Confirmed: a tombstone stays in its place, and the quote in the reply follows.
    await row(patientPage, 'I have two questions').first().getByRole('button', { name: 'More actions' }).click();
    await patientPage.getByRole('menuitem', { name: 'Delete' }).click();
    await confirmDelete.getByRole('button', { name: 'Delete for everyone' }).click();
    await row(doctorPage, 'Message deleted').first().waitFor();
    expect(await row(doctorPage, 'I have two questions').count()).toBe(0);

    await row(patientPage, 'What is it about?').getByRole('button', { name: 'React', exact: true }).click();
    await row(patientPage, 'What is it about?').getByRole('button', { name: '🙏', exact: true }).click();
    await row(doctorPage, 'What is it about?').getByRole('button', { name: '🙏 1' }).waitFor();
    await composer(patientPage).fill('It is about my prescription');
    await expectNoA11yViolations(patientPage, 'chat thread');
    await screenshot(patientPage, 'chat');

    const stored = await history(patient, doctor);
    expect(stored.map((message) => [message.text, message.deleted])).toEqual([
      ['', true],
      ['Of course', false],
      ['What is it about?', false],
    ]);
  });

  it('sends an image with visible upload progress that opens in a lightbox, and a PDF as a download chip', async () => {
    const { patient, doctor } = await consultedPair();
    const { context, page: patientPage } = await openThread(patient, doctor);
    const { page: doctorPage } = await openThread(doctor, patient);

    // A file the platform does not take is refused when attached, by its bytes (its name and declared type do not count).
    const refusal = patientPage
      .getByRole('alert')
      .filter({ hasText: 'This file is not a photo or a PDF, so it cannot be sent.' });
    await attach(patientPage, { name: 'notes.html', mimeType: 'text/html', buffer: Buffer.from('<p>hi</p>') });
    await refusal.waitFor();
    await attach(patientPage, {
      name: 'fake.png',
      mimeType: 'image/png',
      buffer: Buffer.from('<html><script>alert(1)</script></html>'),
    });
    await refusal.waitFor();
    expect(await patientPage.getByRole('button', { name: 'Send' }).isDisabled()).toBe(true);
    expect(await row(patientPage, 'fake.png').count()).toBe(0);
    expect(await history(patient, doctor)).toEqual([]);

    // A slow uplink, so the progress bar is there long enough to see.
    const cdp = await context.newCDPSession(patientPage);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 20,
      downloadThroughput: -1,
      uploadThroughput: 400 * 1024,
    });
    await attach(patientPage, { name: 'rash.png', mimeType: 'image/png', buffer: noisyPng(600, 500) });
    await patientPage.getByRole('button', { name: 'Send' }).click();
    await patientPage.getByRole('progressbar', { name: 'Uploading rash.png' }).waitFor();
    await cdp.send('Network.emulateNetworkConditions', {
      offline: false,
      latency: 0,
      downloadThroughput: -1,
      uploadThroughput: -1,
    });

    const thumbnail = doctorPage.getByRole('button', { name: 'Open image rash.png' });
    await thumbnail.click();
    const lightbox = doctorPage.getByRole('dialog', { name: 'rash.png' });
    await lightbox.waitFor();
    await expect
      .poll(() => lightbox.getByRole('img', { name: 'rash.png' }).evaluate((image: HTMLImageElement) => image.naturalWidth))
      .toBe(600);
    await doctorPage.keyboard.press('Escape');
    await lightbox.waitFor({ state: 'hidden' });

    await attach(patientPage, { name: 'lab-results.pdf', mimeType: 'application/pdf', buffer: SMALL_PDF });
    await composer(patientPage).fill('My lab results');
    await composer(patientPage).press('Enter');
    const chip = doctorPage.getByRole('link', { name: /lab-results\.pdf/ });
    await chip.waitFor();
    expect(await chip.getAttribute('download')).toBe('lab-results.pdf');
    const download = await harness.server.request.get((await chip.getAttribute('href'))!).set('Cookie', doctor.cookie);
    expect(download.status).toBe(200);
    expect(download.headers['content-disposition']).toMatch(/^attachment/);

    await expectNoA11yViolations(doctorPage, 'chat with attachments');
    await screenshot(doctorPage, 'chat-attachments');
  });
});

describe('delivery', () => {
  it('messages written offline wait in IndexedDB and are delivered once each, in order, when back online', async () => {
    const { patient, doctor } = await consultedPair();
    const { page: patientPage } = await openThread(patient, doctor);
    const { context: doctorContext, page: doctorPage } = await openThread(doctor, patient);

    await doctorContext.setOffline(true);
    for (const text of ['First while offline', 'Second while offline', 'Third while offline']) await send(doctorPage, text);
    await expect.poll(() => row(doctorPage, 'while offline').filter({ hasText: 'Sending…' }).count()).toBe(3);
    const queued = await doctorPage.evaluate(
      (userId) =>
        new Promise<string[]>((resolve, reject) => {
          const opening = indexedDB.open(`careline-outbox-${userId}`);
          opening.onerror = () => reject(new Error('cannot open the outbox'));
          opening.onsuccess = () => {
            const request = opening.result.transaction('outbox').objectStore('outbox').index('by-order').getAll();
            request.onsuccess = () => resolve((request.result as { text: string }[]).map((entry) => entry.text));
          };
        }),
      doctor.id,
    );
    expect(queued).toEqual(['First while offline', 'Second while offline', 'Third while offline']);
    expect((await history(patient, doctor)).length).toBe(0);

    await doctorContext.setOffline(false);
    await row(patientPage, 'Third while offline').waitFor({ timeout: 20_000 });
    await expect
      .poll(() => row(doctorPage, 'while offline').filter({ hasText: 'Sending…' }).count(), { timeout: 10_000 })
      .toBe(0);

    const shown = await row(patientPage, 'while offline').allInnerTexts();
    expect(shown.map((text) => /(First|Second|Third) while offline/.exec(text)?.[1])).toEqual(['First', 'Second', 'Third']);
    expect((await history(patient, doctor)).map((message) => message.text)).toEqual([
      'First while offline',
      'Second while offline',
      'Third while offline',
    ]);
  });

  it('a reconnect catches up on what was sent meanwhile, without a reload', async () => {
    const { patient, doctor } = await consultedPair();
    await harness.server.context.messages.recordCall({
      callerId: doctor.id,
      calleeId: patient.id,
      outcome: 'completed',
      durationSeconds: 252,
    });
    await harness.server.context.messages.recordCall({
      callerId: patient.id,
      calleeId: doctor.id,
      outcome: 'missed',
      durationSeconds: 0,
    });
    await sendThroughApi(doctor, patient, { text: 'Before the break' });
    const { page: patientPage } = await openThread(patient, doctor);
    await row(patientPage, 'Before the break').waitFor();
    // Calls leave a line in the thread.
    await row(patientPage, 'Video call · 4:12').waitFor();
    await row(patientPage, 'Missed call').waitFor();

    // The server drops the patient's socket; the doctor writes before it comes back.
    harness.server.context.io.in(rooms.user(patient.id)).disconnectSockets(true);
    await patientPage
      .getByRole('status')
      .filter({ hasText: /Connecting…|Offline/ })
      .waitFor();
    await sendThroughApi(doctor, patient, { text: 'Sent during the break' });

    await patientPage.getByRole('status').filter({ hasText: 'Connected' }).waitFor({ timeout: 15_000 });
    await row(patientPage, 'Sent during the break').waitFor();
    expect(await row(patientPage, 'Sent during the break').count()).toBe(1);
  });
});

describe('safety', () => {
  it('markup and javascript: links in a message stay inert text; http(s) links open safely', async () => {
    const { patient, doctor } = await consultedPair();
    const { page: patientPage } = await openThread(patient, doctor);
    const { page: doctorPage } = await openThread(doctor, patient, 'dark');
    const dialogs: string[] = [];
    for (const page of [patientPage, doctorPage])
      page.on('dialog', (dialog) => void dialog.dismiss().then(() => dialogs.push(dialog.message())));

    await send(patientPage, '<img src=x onerror=alert(1)>');
    await send(patientPage, 'click javascript:alert(1) or [me](javascript:alert(2))');
    await send(patientPage, 'See https://example.org/care?x=1 please');

    await row(doctorPage, 'See https://example.org').waitFor();
    await row(doctorPage, '<img src=x onerror=alert(1)>').waitFor();
    expect(await log(doctorPage).locator('img').count()).toBe(0);
    expect(await log(patientPage).locator('img').count()).toBe(0);
    expect(await row(doctorPage, 'javascript:alert(1)').getByRole('link').count()).toBe(0);
    const link = row(doctorPage, 'See https://example.org').getByRole('link', { name: 'https://example.org/care?x=1' });
    expect(await link.getAttribute('href')).toBe('https://example.org/care?x=1');
    expect(await link.getAttribute('target')).toBe('_blank');
    expect(await link.getAttribute('rel')).toBe('noopener noreferrer');
    expect(dialogs).toEqual([]);
    await expectNoA11yViolations(doctorPage, 'chat thread (dark)');
  });
});

describe('long threads', () => {
  it('keeps the DOM small with 300 messages, loads history on scrolling up, and jumps to a quoted message pages back', async () => {
    const { patient, doctor } = await consultedPair();
    const first = await sendThroughApi(doctor, patient, { text: 'Message number 1' });
    for (let n = 2; n < 300; n += 1)
      await sendThroughApi(n % 2 ? doctor : patient, n % 2 ? patient : doctor, { text: `Message number ${n}` });
    await sendThroughApi(doctor, patient, { text: 'About your very first message', replyTo: first.id });

    const { page } = await openThread(patient, doctor);
    await row(page, 'About your very first message').waitFor();
    const rendered = await rows(page).count();
    expect(rendered).toBeGreaterThan(3);
    expect(rendered).toBeLessThan(80);

    // Scrolling to the top loads the page before, and what was on screen stays where it was.
    await log(page).evaluate((element) => element.scrollTo({ top: 0 }));
    await log(page).getByText('Message number 250', { exact: true }).waitFor();
    const viewport = (await log(page).boundingBox())!;
    const wasAtTop = (await log(page).getByText('Message number 251', { exact: true }).boundingBox())!;
    expect(await log(page).evaluate((element) => element.scrollTop)).toBeGreaterThan(0);
    expect(wasAtTop.y).toBeGreaterThanOrEqual(viewport.y - 1);
    expect(wasAtTop.y).toBeLessThan(viewport.y + viewport.height);
    expect(await rows(page).count()).toBeLessThan(80);

    // The quote leads back to the very first message, loading the pages between.
    await log(page).evaluate((element) => element.scrollTo({ top: element.scrollHeight }));
    await page
      .getByRole('button', { name: new RegExp(`^Reply to ${DOCTOR_NAME} ?: ?Message number 1 ?\\. Show the original message$`) })
      .click();
    await log(page).getByText('Message number 1', { exact: true }).waitFor({ timeout: 20_000 });
    await page.getByText('This is the start of your conversation.').waitFor();
    expect(await rows(page).count()).toBeLessThan(80);
  });
});

describe('while the tab is hidden', () => {
  it('counts new messages in the title and raises a desktop alert that names the sender, never the text', async () => {
    const { patient, doctor } = await consultedPair();
    const { context, page } = await harness.newPage();
    // A stand-in for the browser's Notification: records what would be shown.
    await context.addInitScript(() => {
      const shown: { title: string; options: NotificationOptions | undefined }[] = [];
      class RecordingNotification {
        static permission: NotificationPermission = 'default';
        static requestPermission = async () => (RecordingNotification.permission = 'granted');
        onclick: (() => void) | null = null;
        constructor(title: string, options?: NotificationOptions) {
          shown.push({ title, options });
        }
        close() {}
      }
      Object.assign(window, { Notification: RecordingNotification, shownAlerts: shown });
    });
    await context.addCookies([{ name: 'jwt', value: patient.cookie.slice('jwt='.length), url: harness.baseUrl }]);
    await page.goto('/messages');
    await page.getByRole('status').filter({ hasText: 'Connected' }).waitFor();
    await page.getByRole('button', { name: 'Enable desktop alerts' }).click();
    await page.getByRole('button', { name: 'Enable desktop alerts' }).waitFor({ state: 'detached' });

    await page.evaluate(() => {
      Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'hidden' });
      document.dispatchEvent(new Event('visibilitychange'));
    });
    await sendThroughApi(doctor, patient, { text: 'Your results are normal' });
    await sendThroughApi(doctor, patient, { text: 'Call me tomorrow' });
    await expect.poll(() => page.title()).toBe('(2) Messages · CareLine');
    const alerts = await page.evaluate(
      () => (window as unknown as { shownAlerts: { title: string; options?: NotificationOptions }[] }).shownAlerts,
    );
    expect(alerts.map((alert) => alert.title)).toEqual([`New message from ${DOCTOR_NAME}`, `New message from ${DOCTOR_NAME}`]);
    expect(JSON.stringify(alerts)).not.toMatch(/results|tomorrow/);

    // The conversation list counts them too.
    await page.getByRole('link', { name: new RegExp(`${DOCTOR_NAME}.*2 unread`) }).waitFor();

    await page.evaluate(() => {
      Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => 'visible' });
      document.dispatchEvent(new Event('visibilitychange'));
    });
    await expect.poll(() => page.title()).toBe('Messages · CareLine');
    await expectNoA11yViolations(page, 'conversation list');
  });
});
