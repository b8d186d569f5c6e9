/// <reference types="node" />
// Saying what happened, without hiding anything: toasts beside (never over) what they are about, a
// message the server refused ("Not sent: …", its text kept), a file refused when attached by what it
// really is, and each person's picture wherever their name appears.
import { randomBytes } from 'node:crypto';
import zlib from 'node:zlib';
import type { Message } from '@telehealth/shared';
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestUser } from '../../backend/test/test-server.js';
import { expectNoA11yViolations, screenshot, startHarness, type Harness } from './harness';
import { consultedPair, sendText } from './people';

let harness: Harness;
beforeAll(async () => {
  harness = await startHarness();
});
afterAll(async () => {
  await harness?.close();
});

type Theme = 'light' | 'dark';
const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };

async function signedIn(
  user: TestUser,
  path: string,
  options: { viewport?: typeof DESKTOP; theme?: Theme } = {},
): Promise<{ context: BrowserContext; page: Page }> {
  const { context, page } = await harness.newPage({ colorScheme: options.theme ?? 'light' });
  await page.setViewportSize(options.viewport ?? DESKTOP);
  await context.addCookies([{ name: 'jwt', value: user.cookie.slice('jwt='.length), url: harness.baseUrl }]);
  await page.goto(path);
  return { context, page };
}

async function openThread(
  user: TestUser,
  partner: TestUser,
  options: { viewport?: typeof DESKTOP; theme?: Theme } = {},
): Promise<Page> {
  const { page } = await signedIn(user, `/messages/${partner.id}`, options);
  await page.getByRole('heading', { level: 2, name: partner.name }).waitFor();
  await page.getByRole('status').filter({ hasText: 'Connected' }).waitFor();
  await page.getByRole('log').waitFor();
  return page;
}

const composer = (page: Page) => page.getByRole('textbox', { name: /^Message to/ });
const row = (page: Page, text: string) => page.getByRole('log').locator('[data-message-id]').filter({ hasText: text });
const toast = (page: Page, text: string) =>
  page.getByRole('status', { name: 'Notifications' }).locator('.toast').filter({ hasText: text });

/** Fails when the two boxes overlap by even a pixel. */
async function expectApart(covering: Locator, covered: Locator[], label: string): Promise<void> {
  const box = (await covering.boundingBox())!;
  for (const target of covered) {
    const other = (await target.boundingBox())!;
    const overlaps =
      box.x < other.x + other.width &&
      other.x < box.x + box.width &&
      box.y < other.y + other.height &&
      other.y < box.y + box.height;
    expect(overlaps, `${label}: the toast ${JSON.stringify(box)} covers ${target.toString()} ${JSON.stringify(other)}`).toBe(
      false,
    );
  }
  // And what the toast is about is still on the screen: moved aside, not pushed off it.
  const screen = covering.page().viewportSize()!;
  for (const target of covered) {
    const other = (await target.boundingBox())!;
    expect(
      other.y >= 0 && other.y + other.height <= screen.height,
      `${label}: ${target.toString()} ${JSON.stringify(other)} is on the screen`,
    ).toBe(true);
  }
}

/** A real PNG of random pixels (random data does not compress: `width`×`height`×3 bytes, about). */
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
  header.set([8, 2, 0, 0, 0], 8);
  const rows: Buffer[] = [];
  for (let y = 0; y < height; y += 1) rows.push(Buffer.concat([Buffer.from([0]), randomBytes(width * 3)]));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', zlib.deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** A Windows program's first bytes ("MZ", then a PE header further on). */
function windowsProgram(): Buffer {
  const program = Buffer.alloc(1024);
  program.write('MZ', 0, 'ascii');
  program.writeUInt32LE(0x80, 0x3c);
  program.write('PE\0\0', 0x80, 'ascii');
  return program;
}

/** What the two people wrote, as the server stores it (the consultation's own entries aside). */
async function history(user: TestUser, partner: TestUser): Promise<Message[]> {
  const response = await harness.server.request.get(`/api/messages/${partner.id}`).set('Cookie', user.cookie);
  return (response.body as { messages: Message[] }).messages.filter((message) => message.kind !== 'system');
}

async function attach(page: Page, file: { name: string; mimeType: string; buffer: Buffer }): Promise<void> {
  const [chooser] = await Promise.all([
    page.waitForEvent('filechooser'),
    page.getByRole('button', { name: 'Attach file' }).click(),
  ]);
  await chooser.setFiles(file);
}

describe('toasts sit beside what they are about', () => {
  for (const [device, viewport] of [
    ['desktop', DESKTOP],
    ['phone', PHONE],
  ] as const) {
    it(`${device}: two toasts in a row ("in the queue", "ready for you") cover neither the way in nor, once in the thread, the composer and Send`, async () => {
      const patient = await harness.server.createUser('patient', { name: `Toast Patient ${device}` });
      const doctor = await harness.server.createUser('doctor', { name: `Dr. Toast ${device}` });
      const { page } = await signedIn(patient, '/', { viewport });
      await page.getByRole('status').filter({ hasText: 'Connected' }).waitFor();
      await page.getByLabel('Reason').fill('A cough for a week');
      await page.getByRole('button', { name: 'Request a consultation' }).click();
      const queued = toast(page, 'Your request is in the queue');
      await queued.waitFor();
      const mine = await harness.server.request.get('/api/consultations').set('Cookie', patient.cookie);
      const id = (mine.body as { consultations: { id: string }[] }).consultations[0]!.id;
      expect((await harness.server.request.post(`/api/consultations/${id}/accept`).set('Cookie', doctor.cookie)).status).toBe(
        200,
      );

      const ready = toast(page, `Dr. Toast ${device} is ready for you`);
      await ready.waitFor();
      const wayIn = page.getByRole('link', { name: `Open conversation with Dr. Toast ${device}` });
      await wayIn.waitFor();
      const region = page.getByRole('status', { name: 'Notifications' });
      await expectApart(region, [wayIn], `${device} home`);

      // Straight into the thread while both toasts are still up: the box and Send stay uncovered.
      await wayIn.click();
      await page.getByRole('log').waitFor();
      await ready.waitFor();
      await queued.waitFor();
      await expectApart(
        region,
        [
          composer(page),
          page.getByRole('button', { name: 'Send' }),
          page.getByRole('heading', { level: 2, name: `Dr. Toast ${device}` }),
        ],
        `${device} thread`,
      );
      await expectNoA11yViolations(page, `thread with toasts (${device})`);
      await screenshot(page, `toasts-over-thread-${device}`);
    });
  }

  it('phone: "Your profile was saved" does not cover the form or its Save button', async () => {
    const patient = await harness.server.createUser('patient', { name: 'Saving Patient' });
    const { page } = await signedIn(patient, '/profile', { viewport: PHONE });
    const save = page.getByRole('button', { name: 'Save changes' });
    // Scrolled with a thumb, the button the person presses is low on the screen.
    await save.evaluate((button) => button.scrollIntoView({ block: 'end' }));
    await page.getByLabel('Bio').fill('Likes long walks.');
    await save.click();
    const saved = toast(page, 'Your profile was saved');
    await saved.waitFor();
    await expectApart(saved, [save, page.getByLabel('Bio')], 'phone profile');
  });
});

describe('a message the server refuses', () => {
  it('says "Not sent: …" in plain words, offers no Retry that cannot work, and puts the text back in the box', async () => {
    const { patient, doctor } = await consultedPair(harness.server, { patient: 'Refused Patient', doctor: 'Dr. Leaving' });
    const admin = await harness.server.createUser('admin');
    await sendText(harness.server, doctor, patient, 'Write if anything changes.');
    const page = await openThread(patient, doctor);

    // Between opening the thread and sending, an admin closes the doctor's account.
    const closed = await harness.server.request
      .patch(`/api/admin/users/${doctor.id}`)
      .set('Cookie', admin.cookie)
      .send({ active: false });
    expect(closed.status).toBe(200);
    const text = 'Could you look at my results before Friday?';
    await composer(page).fill(text);
    await composer(page).press('Enter');

    const failed = row(page, text);
    await failed.getByRole('alert').filter({ hasText: 'Not sent: you can no longer message this person here.' }).waitFor();
    expect(await failed.getByRole('button', { name: 'Retry' }).count()).toBe(0);
    expect((await history(patient, doctor)).map((message) => message.text)).toEqual(['Write if anything changes.']);

    await failed.getByRole('button', { name: 'Move to message box' }).click();
    await expect.poll(() => composer(page).inputValue()).toBe(text);
    await failed.waitFor({ state: 'detached' });
  });

  it('one too long for the server (kept from before the limit was checked here) says so, and comes back to be shortened', async () => {
    const { patient, doctor } = await consultedPair(harness.server, { patient: 'Long Patient', doctor: 'Dr. Patient Reader' });
    const { page } = await signedIn(patient, '/profile');
    await page.getByRole('heading', { level: 1 }).waitFor();
    // An outbox entry written past the client's check, as an older version could: the server has the last word.
    const text = `${'My symptoms in detail. '.repeat(220)}`;
    await page.evaluate(
      async ({ userId, receiverId, text }) => {
        const opening = indexedDB.open(`careline-outbox-${userId}`, 1);
        opening.onupgradeneeded = () =>
          opening.result.createObjectStore('outbox', { keyPath: 'clientId' }).createIndex('by-order', 'order');
        const database = await new Promise<IDBDatabase>((resolve) => (opening.onsuccess = () => resolve(opening.result)));
        const entry = {
          clientId: 'too-long-0001',
          senderId: userId,
          receiverId,
          text,
          replyTo: null,
          file: null,
          createdAt: new Date().toISOString(),
          order: 1,
          state: 'queued',
          error: null,
        };
        await new Promise((resolve) => {
          const transaction = database.transaction('outbox', 'readwrite');
          transaction.objectStore('outbox').put(entry);
          transaction.oncomplete = resolve;
        });
        database.close();
      },
      { userId: patient.id, receiverId: doctor.id, text },
    );
    expect(text.length).toBeGreaterThan(5000);
    await page.goto(`/messages/${doctor.id}`);
    const failed = row(page, 'My symptoms in detail.');
    await failed
      .getByRole('alert')
      .filter({ hasText: 'Not sent: the message is longer than 5,000 characters. Shorten it and send it again.' })
      .waitFor();
    expect(await failed.getByRole('button', { name: 'Retry' }).count()).toBe(0);
    expect(await history(patient, doctor)).toEqual([]);

    await failed.getByRole('button', { name: 'Move to message box' }).click();
    await expect.poll(() => composer(page).inputValue()).toBe(text);
    await page
      .getByRole('status')
      .filter({ hasText: /characters too long: a message can have up to 5,000/ })
      .waitFor();
    expect(await page.getByRole('button', { name: 'Send' }).isDisabled()).toBe(true);
  });

  it('looks right: the refused message, desktop and phone, light and dark', async () => {
    const { patient, doctor } = await consultedPair(harness.server, { patient: 'Shown Patient', doctor: 'Dr. Shown Away' });
    const admin = await harness.server.createUser('admin');
    await sendText(harness.server, doctor, patient, 'Send me the photo of the rash, please.');
    const pages: [string, Page][] = [];
    for (const [device, viewport] of [
      ['desktop', DESKTOP],
      ['phone', PHONE],
    ] as const)
      for (const theme of ['light', 'dark'] as const)
        pages.push([`${device}-${theme}`, await openThread(patient, doctor, { viewport, theme })]);
    await harness.server.request.patch(`/api/admin/users/${doctor.id}`).set('Cookie', admin.cookie).send({ active: false });
    for (const [name, page] of pages) {
      await composer(page).fill(`Here it is (${name})`);
      await composer(page).press('Enter');
      await row(page, `Here it is (${name})`)
        .getByText(/^Not sent:/)
        .waitFor();
      await expectNoA11yViolations(page, `thread with a refused message (${name})`);
      await screenshot(page, `chat-not-sent-${name}`);
    }
  });
});

describe('a file the app will refuse is refused when attached, by what it is', () => {
  it('a text file named .png and a program named .pdf: "This file is not a photo or a PDF", and nothing is sent', async () => {
    const { patient, doctor } = await consultedPair(harness.server, { patient: 'Attaching Patient', doctor: 'Dr. Files' });
    const page = await openThread(patient, doctor);
    const uploads: string[] = [];
    page.on('request', (request) => {
      if (request.method() === 'POST' && new URL(request.url()).pathname.startsWith('/api/messages/'))
        uploads.push(request.url());
    });
    const refusal = page
      .getByRole('alert')
      .filter({ hasText: 'This file is not a photo or a PDF, so it cannot be sent. You can send photos and PDFs up to 10 MB.' });

    await attach(page, { name: 'rash.png', mimeType: 'image/png', buffer: Buffer.from('These are my notes, not a picture.') });
    await refusal.waitFor();
    expect(await page.getByRole('button', { name: 'Remove attachment' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Send' }).isDisabled()).toBe(true);

    await attach(page, { name: 'lab-results.pdf', mimeType: 'application/pdf', buffer: windowsProgram() });
    await refusal.waitFor();
    expect(await page.getByRole('button', { name: 'Remove attachment' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Send' }).isDisabled()).toBe(true);
    await page.waitForTimeout(300);
    expect(uploads).toEqual([]);
    expect(await history(patient, doctor)).toEqual([]);

    // A real photo, whatever its name, still goes.
    await attach(page, { name: 'photo.jpeg', mimeType: 'image/jpeg', buffer: noisyPng(40, 30) });
    await page.getByRole('button', { name: 'Remove attachment' }).waitFor();
    await refusal.waitFor({ state: 'detached' });
  });

  it('looks right: the refusal, desktop and phone, light and dark', async () => {
    const { patient, doctor } = await consultedPair(harness.server, { patient: 'Refusal Patient', doctor: 'Dr. Refusal' });
    for (const [device, viewport] of [
      ['desktop', DESKTOP],
      ['phone', PHONE],
    ] as const)
      for (const theme of ['light', 'dark'] as const) {
        const page = await openThread(patient, doctor, { viewport, theme });
        await attach(page, { name: 'setup.pdf', mimeType: 'application/pdf', buffer: windowsProgram() });
        await page.getByRole('alert').filter({ hasText: 'This file is not a photo or a PDF' }).waitFor();
        await expectNoA11yViolations(page, `attach refusal (${device}, ${theme})`);
        await screenshot(page, `chat-attach-refused-${device}-${theme}`);
      }
  });
});

describe('a picture wherever the name appears', () => {
  const pictureIn = (scope: Locator) => scope.locator('img.avatar-picture').first();
  const loaded = async (image: Locator) => {
    await image.waitFor();
    await expect
      .poll(() => image.evaluate((element: HTMLImageElement) => element.complete && element.naturalWidth))
      .toBeGreaterThan(0);
  };

  it('uploaded on the profile page, it shows in the top bar, and on the partner side in the conversation list and the thread header', async () => {
    const { patient, doctor } = await consultedPair(harness.server, { patient: 'Pictured Patient', doctor: 'Dr. Sees Pictures' });
    await sendText(harness.server, patient, doctor, 'Hello doctor');
    const { page } = await signedIn(patient, '/profile');
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByLabel('Add a picture').click()]);
    await chooser.setFiles({ name: 'me.png', mimeType: 'image/png', buffer: noisyPng(96, 96) });
    await toast(page, 'Your picture was updated').waitFor();
    await loaded(pictureIn(page.getByRole('banner')));
    await expectNoA11yViolations(page, 'profile with a picture');

    const doctorPage = await openThread(doctor, patient);
    await loaded(
      pictureIn(doctorPage.getByRole('navigation', { name: 'Conversations' }).getByRole('link', { name: /Pictured Patient/ })),
    );
    await loaded(pictureIn(doctorPage.locator('.thread-header')));
  });

  it('a picture over the 2 MB the server takes is refused when chosen, in those words, before any upload', async () => {
    const patient = await harness.server.createUser('patient', { name: 'Big Picture' });
    const { page } = await signedIn(patient, '/profile');
    const uploads: string[] = [];
    page.on('request', (request) => {
      if (request.url().includes('/api/users/me/avatar')) uploads.push(request.url());
    });
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByLabel('Add a picture').click()]);
    await chooser.setFiles({ name: 'big.png', mimeType: 'image/png', buffer: noisyPng(1000, 800) });
    await page.getByRole('alert').filter({ hasText: 'This picture is larger than 2 MB. Choose a smaller one.' }).waitFor();
    expect(uploads).toEqual([]);
    await page.getByText('A photo (PNG, JPEG or WebP), up to 2 MB.').waitFor();
  });

  it('looks right: the top bar with the picture, desktop and phone, light and dark', async () => {
    const { patient, doctor } = await consultedPair(harness.server, { patient: 'Top Bar Patient', doctor: 'Dr. Top Bar' });
    await sendText(harness.server, doctor, patient, 'Your test results are in.');
    const avatar = await harness.server.request
      .put('/api/users/me/avatar')
      .set('Cookie', patient.cookie)
      .attach('avatar', noisyPng(96, 96), { filename: 'me.png', contentType: 'image/png' });
    expect(avatar.status).toBe(200);
    for (const [device, viewport] of [
      ['desktop', DESKTOP],
      ['phone', PHONE],
    ] as const)
      for (const theme of ['light', 'dark'] as const) {
        const page = await openThread(patient, doctor, { viewport, theme });
        if (device === 'phone') await page.getByRole('button', { name: 'Menu' }).click();
        await loaded(pictureIn(page.getByRole('banner')));
        await expectNoA11yViolations(page, `top bar (${device}, ${theme})`);
        await screenshot(page, `top-bar-${device}-${theme}`);
        // The profile page, where the picture is chosen.
        await page.getByRole('link', { name: 'Profile' }).click();
        await page.getByRole('heading', { level: 1, name: 'Your profile' }).waitFor();
        await loaded(pictureIn(page.getByRole('main')));
        await expectNoA11yViolations(page, `profile (${device}, ${theme})`);
        await screenshot(page, `profile-picture-${device}-${theme}`);
      }
  });
});
