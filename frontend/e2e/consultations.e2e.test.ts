import { chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestUser } from '../../backend/test/test-server.js';
import { CHROMIUM_ARGS, CHROMIUM_PATH, expectNoA11yViolations, screenshot, startHarness, type Harness } from './harness';
import { acceptConsentInForm, signedInPage } from './people';

let harness: Harness;

beforeAll(async () => {
  harness = await startHarness();
});

afterAll(async () => {
  await harness?.close();
});

const heading = (page: Page, name: string | RegExp) => page.getByRole('heading', { name });
const toast = (page: Page, text: string) => page.getByRole('status', { name: 'Notifications' }).getByText(text);

const signIn = (user: TestUser) => signedInPage(harness, user);

/** A waiting request made through the API, for tests about what happens after. */
async function requestAsPatient(patient: TestUser, reason = 'A cough that will not go away'): Promise<string> {
  const response = await harness.server.request
    .post('/api/consultations')
    .set('Cookie', patient.cookie)
    .send({ reason, urgency: 'routine' });
  expect(response.status).toBe(201);
  return (response.body as { consultation: { id: string } }).consultation.id;
}

/** Doctors from earlier tests would take requests in their own queues; each test starts with the line empty. */
async function emptyQueue(): Promise<void> {
  const doctor = await harness.server.createUser('doctor');
  const queue = await harness.server.request.get('/api/consultations/queue').set('Cookie', doctor.cookie);
  for (const waiting of (queue.body as { consultations: { id: string }[] }).consultations) {
    await harness.server.request.post(`/api/consultations/${waiting.id}/accept`).set('Cookie', doctor.cookie);
  }
}

describe('the consultation queue, across three browsers', () => {
  it('a patient asks → the doctor sees it live and accepts → the patient is shown the way into the conversation; deactivation signs the patient out', async () => {
    const doctor = await harness.server.createUser('doctor', { name: 'Grace Hopper', specialty: 'Cardiology' });
    const admin = await harness.server.createUser('admin', { name: 'Alan Admin' });
    const patient = await harness.server.createUser('patient', { name: 'Ada Lovelace' });

    const doctorPage = await signIn(doctor);
    await heading(doctorPage, 'Patient queue').waitFor();
    await doctorPage.getByText('No one is waiting right now.').waitFor();
    expect(await doctorPage.getByRole('button', { name: 'Available for patients' }).getAttribute('aria-pressed')).toBe('true');

    const patientPage = await signIn(patient);
    await heading(patientPage, 'Ask for a consultation').waitFor();
    await patientPage.getByText(/doctors? available now/).waitFor();
    await patientPage.getByLabel('Reason').fill('Chest pain when climbing stairs');
    await patientPage.getByRole('radio', { name: 'Urgent' }).check();
    await patientPage.getByLabel('Preferred doctor').selectOption({ label: 'Dr. Grace Hopper, Cardiology (available)' });
    await patientPage.getByRole('button', { name: 'Request a consultation' }).click();

    await heading(patientPage, 'You are in the queue').waitFor();
    await toast(patientPage, 'Your request is in the queue').waitFor();
    const place = patientPage.getByRole('status').filter({ hasText: 'Position' });
    expect(await place.textContent()).toContain('1');
    expect(await place.textContent()).toContain('not known yet');
    await expectNoA11yViolations(patientPage, 'patient waiting');
    await screenshot(patientPage, 'patient-waiting');

    // The doctor's queue updates by itself: no reload.
    const request = doctorPage
      .getByRole('list', { name: 'Waiting patients' })
      .getByRole('listitem')
      .filter({ hasText: 'Ada Lovelace' });
    await request.waitFor();
    expect(await request.textContent()).toContain('Urgent');
    expect(await request.textContent()).toContain('Chest pain when climbing stairs');
    expect(await request.textContent()).toMatch(/waiting less than a minute/);
    await expectNoA11yViolations(doctorPage, 'doctor queue');
    await screenshot(doctorPage, 'doctor-queue');

    await doctorPage.getByRole('button', { name: 'Accept Ada Lovelace' }).click();
    await toast(doctorPage, 'You accepted Ada Lovelace').waitFor();
    await doctorPage.getByRole('link', { name: 'Open conversation with Ada Lovelace' }).waitFor();
    await doctorPage.getByText('No one is waiting right now.').waitFor();

    // The patient's screen shows who took them, and the way into the conversation.
    await heading(patientPage, 'Dr. Grace Hopper is ready for you').waitFor();
    const conversation = patientPage.getByRole('link', { name: 'Open conversation with Dr. Grace Hopper' });
    expect(await conversation.getAttribute('href')).toBe(`/messages/${doctor.id}`);
    await expectNoA11yViolations(patientPage, 'patient with a doctor');

    // An admin deactivates the patient: the patient's tab signs out by itself.
    const adminPage = await signIn(admin);
    await heading(adminPage, 'Accounts').first().waitFor();
    await adminPage.getByRole('searchbox', { name: 'Search' }).fill('Ada Lovelace');
    await adminPage.getByRole('button', { name: 'Deactivate Ada Lovelace' }).click();
    const confirm = adminPage.getByRole('dialog', { name: 'Deactivate Ada Lovelace?' });
    await confirm.getByRole('button', { name: 'Deactivate' }).click();
    await toast(adminPage, 'Ada Lovelace was deactivated').waitFor();

    await heading(patientPage, 'Sign in').waitFor();
    await patientPage.getByRole('status').filter({ hasText: 'Your account was deactivated; contact the clinic.' }).waitFor();
  });

  it('a doctor who was beaten to a request is told another doctor took it', async () => {
    await emptyQueue();
    const quick = await harness.server.createUser('doctor');
    const slow = await harness.server.createUser('doctor', { name: 'Slow Doctor' });
    const patient = await harness.server.createUser('patient', { name: 'Blaise Pascal' });
    const slowPage = await signIn(slow);
    const id = await requestAsPatient(patient);
    await slowPage.getByRole('button', { name: 'Accept Blaise Pascal' }).waitFor();

    // The other doctor's accept lands while this one's is on its way.
    await slowPage.route('**/api/consultations/*/accept', async (route) => {
      await harness.server.request.post(`/api/consultations/${id}/accept`).set('Cookie', quick.cookie);
      await route.continue();
    });
    await slowPage.getByRole('button', { name: 'Accept Blaise Pascal' }).click();
    await toast(slowPage, 'Another doctor took this request').waitFor();
    await slowPage.getByText('No one is waiting right now.').waitFor();
  });

  it('a new patient alerts an available doctor: the count in the tab title while hidden, and a desktop notification', async () => {
    await emptyQueue();
    const doctor = await harness.server.createUser('doctor');
    const patient = await harness.server.createUser('patient', { name: 'Marie Curie' });
    const { context, page } = await harness.newPage();
    // A stand-in for the system's notifications, so the test can read what would have been shown.
    await context.addInitScript(() => {
      const shown: { title: string; body: string }[] = [];
      (window as unknown as { shownNotifications: typeof shown }).shownNotifications = shown;
      class FakeNotification {
        static permission: NotificationPermission = 'default';
        static requestPermission(): Promise<NotificationPermission> {
          FakeNotification.permission = 'granted';
          return Promise.resolve('granted');
        }
        onclick: (() => void) | null = null;
        constructor(title: string, options: { body: string }) {
          shown.push({ title, body: options.body });
        }
        close() {}
      }
      (window as unknown as { Notification: unknown }).Notification = FakeNotification;
    });
    await page.goto('/login');
    await page.getByLabel('Email', { exact: true }).fill(doctor.email);
    await page.getByLabel('Password', { exact: true }).fill(doctor.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText('No one is waiting right now.').waitFor();

    // Never asked on load; asked on the click.
    await page.getByRole('button', { name: 'Enable desktop alerts' }).click();
    await page.getByText('Desktop alerts are on.').waitFor();

    // The tab goes to the background.
    await page.evaluate(() => {
      Object.defineProperty(document, 'hidden', { configurable: true, get: () => true });
      document.dispatchEvent(new Event('visibilitychange'));
    });
    expect(await page.title()).toBe('Patient queue · CareLine');

    await requestAsPatient(patient, 'Burn on the hand');
    await page.getByRole('button', { name: 'Accept Marie Curie' }).waitFor();
    await expect.poll(() => page.title()).toBe('(1) Patient queue · CareLine');
    const shown = await page.evaluate(
      () => (window as unknown as { shownNotifications: { title: string; body: string }[] }).shownNotifications,
    );
    expect(shown).toEqual([{ title: 'A patient is waiting', body: 'Marie Curie (routine): Burn on the hand' }]);

    // Back in front: the plain title.
    await page.evaluate(() => {
      Object.defineProperty(document, 'hidden', { configurable: true, get: () => false });
      document.dispatchEvent(new Event('visibilitychange'));
    });
    await expect.poll(() => page.title()).toBe('Patient queue · CareLine');
  });

  it('an arrival before any click on the page logs no AudioContext warning, and the page says when sound starts', async () => {
    await emptyQueue();
    const doctor = await harness.server.createUser('doctor');
    const patient = await harness.server.createUser('patient', { name: 'Rosalind Franklin' });
    // Headless Chromium starts audio without a gesture (so it logs no warning); a person's browser
    // refuses and warns. What causes the warning is an AudioContext made before any gesture: count them.
    const browser = await chromium.launch({
      executablePath: CHROMIUM_PATH,
      args: [...CHROMIUM_ARGS, '--autoplay-policy=user-gesture-required'],
    });
    const context = await browser.newContext({ baseURL: harness.baseUrl });
    await context.addInitScript(() => {
      const Original = window.AudioContext;
      const made: boolean[] = [];
      (window as unknown as { audioContextsMade: boolean[] }).audioContextsMade = made;
      window.AudioContext = class extends Original {
        constructor(options?: AudioContextOptions) {
          super(options);
          made.push(navigator.userActivation.hasBeenActive);
        }
      };
    });
    await context.addCookies([{ name: 'jwt', value: doctor.cookie.slice('jwt='.length), url: harness.baseUrl }]);
    const page = await context.newPage();
    const contextsMade = () => page.evaluate(() => (window as unknown as { audioContextsMade: boolean[] }).audioContextsMade);
    // A fresh load: no click or key press on this document yet.
    await page.goto('/doctor');
    await page.getByText('No one is waiting right now.').waitFor();
    const warnings: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'warning' || message.type() === 'error') warnings.push(message.text());
    });
    const note = page.getByText('Arrival sounds start after your first click or key press on this page.');
    await note.waitFor();
    await requestAsPatient(patient, 'Sprained ankle');
    await page.getByRole('button', { name: 'Accept Rosalind Franklin' }).waitFor();
    await page.waitForTimeout(300); // the arrival's beep runs right after the list renders
    expect(warnings).toEqual([]);
    expect(await contextsMade()).toEqual([]);
    await page.getByRole('heading', { level: 1 }).first().click();
    await note.waitFor({ state: 'detached' });
    // made by the gesture, so allowed to sound
    expect(await contextsMade()).toEqual([true]);
    await browser.close();
  });

  it("a patient's count of available doctors and the doctor's '(available)' label follow the doctor's switch live", async () => {
    const doctor = await harness.server.createUser('doctor', { name: 'Barbara McClintock', specialty: 'Genetics' });
    const patient = await harness.server.createUser('patient');
    const page = await signIn(patient);
    const count = page.getByText(/\d+ doctors? available now/);
    await count.waitFor();
    const before = Number(/\d+/.exec((await count.textContent())!)![0]);
    const option = page.getByLabel('Preferred doctor').locator('option', { hasText: 'Barbara McClintock' });
    await expect.poll(() => option.textContent()).toContain('(available)');

    const off = await harness.server.request
      .patch('/api/users/me/availability')
      .set('Cookie', doctor.cookie)
      .send({ available: false });
    expect(off.status).toBe(200);
    // well within the 30 s the page used to wait between polls
    await expect
      .poll(async () => (await count.textContent()) ?? '', { timeout: 3_000 })
      .toMatch(new RegExp(`^${before - 1} doctors? available now`));
    await expect.poll(() => option.textContent(), { timeout: 3_000 }).not.toContain('(available)');
  });

  it('a waiting request survives a reload, and cancelling asks first', async () => {
    const patient = await harness.server.createUser('patient');
    const page = await signIn(patient);
    await page.getByLabel('Reason').fill('Rash on the arm');
    await page.getByRole('button', { name: 'Request a consultation' }).click();
    await heading(page, 'You are in the queue').waitFor();

    await page.reload();
    await heading(page, 'You are in the queue').waitFor();

    await page.getByRole('button', { name: 'Cancel request' }).click();
    const dialog = page.getByRole('dialog', { name: 'Cancel your request?' });
    await dialog.waitFor();
    await expectNoA11yViolations(page, 'cancel dialog');
    // Escape keeps the request and gives focus back to the button that opened the dialog.
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Cancel request');

    await page.getByRole('button', { name: 'Cancel request' }).click();
    await dialog.getByRole('button', { name: 'Yes, cancel request' }).click();
    await toast(page, 'Your request was cancelled').waitFor();
    await heading(page, 'Ask for a consultation').waitFor();
  });

  it('the request form explains what is missing before asking the server', async () => {
    const patient = await harness.server.createUser('patient');
    const page = await signIn(patient);
    await page.getByRole('button', { name: 'Request a consultation' }).click();
    await page.getByText('Reason must be at least 3 characters').waitFor();
    expect(await page.getByLabel('Reason').evaluate((field) => field === document.activeElement)).toBe(true);
  });

  it('the doctor completes with notes in a dialog, and the patient reads them', async () => {
    await emptyQueue();
    const doctor = await harness.server.createUser('doctor', { name: 'Joseph Lister' });
    const patient = await harness.server.createUser('patient', { name: 'Louis Pasteur' });
    const id = await requestAsPatient(patient, 'Cut that will not heal');
    const accepted = await harness.server.request.post(`/api/consultations/${id}/accept`).set('Cookie', doctor.cookie);
    expect(accepted.status).toBe(200);

    const patientPage = await signIn(patient);
    await heading(patientPage, 'Dr. Joseph Lister is ready for you').waitFor();

    const doctorPage = await signIn(doctor);
    await doctorPage.getByRole('button', { name: 'Complete consultation with Louis Pasteur' }).click();
    const dialog = doctorPage.getByRole('dialog', { name: 'Complete consultation with Louis Pasteur' });
    await dialog.getByLabel('Notes for the patient').fill('Keep it clean and dry; come back in a week.');
    await expectNoA11yViolations(doctorPage, 'complete dialog');
    await dialog.getByRole('button', { name: 'Complete consultation' }).click();
    await toast(doctorPage, 'Consultation with Louis Pasteur completed').waitFor();

    // Live on the patient's screen: the request form is back and the notes are in the history.
    await heading(patientPage, 'Ask for a consultation').waitFor();
    await patientPage.getByText('Keep it clean and dry; come back in a week.').waitFor();
  });
});

describe('the profile page', () => {
  it('a patient changes their password from the profile, with the policy explaining a refused one', async () => {
    const patient = await harness.server.createUser('patient');
    const page = await signIn(patient);
    await page.goto('/profile');
    const form = page.getByRole('form', { name: 'Password' });
    await form.getByLabel('Current password').fill('not the password at all');
    await form.getByLabel('New password', { exact: true }).fill('a new and better passphrase');
    await form.getByRole('button', { name: 'Change password' }).click();
    await form.getByText(/not your current password/).waitFor();

    await form.getByLabel('Current password').fill(patient.password);
    await form.getByLabel('New password', { exact: true }).fill('password');
    await form.getByRole('button', { name: 'Change password' }).click();
    await form.getByText(/too easy to guess/).waitFor();

    await form.getByLabel('New password', { exact: true }).fill('a new and better passphrase');
    await form.getByRole('button', { name: 'Change password' }).click();
    await toast(page, 'Your password was changed. Your other devices were signed out.').waitFor();
    expect(await form.getByLabel('Current password').inputValue()).toBe('');
    await harness.server.login(patient.email, 'a new and better passphrase');
    await expectNoA11yViolations(page, 'profile with password form');
  });

  it('a doctor edits their details with inline errors, and a wrong file type is explained in words', async () => {
    const doctor = await harness.server.createUser('doctor', { name: 'Elizabeth Blackwell' });
    const page = await signIn(doctor);
    await page.goto('/profile');
    await heading(page, 'Your profile').waitFor();
    await expectNoA11yViolations(page, 'profile');

    await page.getByLabel('Name', { exact: true }).fill('');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText('Name is required').waitFor();

    await page.getByLabel('Name', { exact: true }).fill('Elizabeth Blackwell MD');
    await page.getByLabel('Specialty').fill('Paediatrics');
    await page.getByLabel('Bio').fill('Forty years of family medicine.');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await toast(page, 'Your profile was saved').waitFor();
    // The header follows the new name.
    await page.getByRole('banner').getByText('Elizabeth Blackwell MD').waitFor();

    await page
      .getByLabel('Add a picture')
      .setInputFiles({ name: 'cat.gif', mimeType: 'image/gif', buffer: Buffer.from('GIF89a') });
    await page.getByRole('alert').filter({ hasText: 'Choose a PNG, JPEG or WebP image.' }).waitFor();
  });
});

describe('the telehealth consent before the first visit', () => {
  const consentBox = (page: Page) => page.getByRole('checkbox', { name: 'I have read and accept the telehealth consent' });
  const queueEntry = (page: Page, name: string) =>
    page.getByRole('list', { name: 'Waiting patients' }).getByRole('listitem').filter({ hasText: name });

  async function openAs(user: TestUser, path: string, device: 'desktop' | 'phone', theme: 'light' | 'dark'): Promise<Page> {
    const { context, page } = await harness.newPage({ colorScheme: theme });
    await page.setViewportSize(device === 'desktop' ? { width: 1280, height: 800 } : { width: 390, height: 844 });
    await context.addCookies([{ name: 'jwt', value: user.cookie.slice('jwt='.length), url: harness.baseUrl }]);
    await page.goto(path);
    await page.getByRole('status').filter({ hasText: 'Connected' }).waitFor();
    return page;
  }

  it('looks right: the consent in the request form and in the admin console, desktop and phone, light and dark', async () => {
    const patient = await harness.server.createUser('patient', { name: 'Consent Reader', consent: false });
    const admin = await harness.server.createUser('admin', { name: 'Consent Admin' });
    for (const device of ['desktop', 'phone'] as const)
      for (const theme of ['light', 'dark'] as const) {
        const page = await openAs(patient, '/', device, theme);
        await page.getByRole('region', { name: 'Telehealth consent' }).waitFor();
        // Asked without the tick: the box's own error, in the colours of the theme.
        await page.getByLabel('Reason').fill('A rash on my arm');
        await page.getByRole('button', { name: 'Request a consultation' }).click();
        await page.getByText('Tick the box to accept the telehealth consent before asking for a consultation').waitFor();
        await expectNoA11yViolations(page, `request form with the consent (${device}, ${theme})`);
        await screenshot(page, `consent-request-${device}-${theme}`);

        const adminPage = await openAs(admin, '/admin?view=consent', device, theme);
        await adminPage.getByLabel('Consent text').waitFor();
        await expectNoA11yViolations(adminPage, `admin consent (${device}, ${theme})`);
        await screenshot(adminPage, `consent-admin-${device}-${theme}`);
      }
  });

  it('a new patient cannot ask without ticking it; the doctor sees the version accepted; a new version asks again', async () => {
    const doctor = await harness.server.createUser('doctor', { name: 'Virginia Apgar' });
    const admin = await harness.server.createUser('admin', { name: 'Consent Keeper' });
    const patient = await harness.server.createUser('patient', { name: 'Florence Nightingale', consent: false });
    const patientPage = await signIn(patient);
    const opened: string[] = [];
    patientPage.on('request', (request) => {
      if (request.method() === 'POST' && new URL(request.url()).pathname === '/api/consultations') opened.push(request.url());
    });

    const text = patientPage.getByRole('region', { name: 'Telehealth consent' });
    expect(await text.textContent()).toContain('Consent to telehealth care');
    await patientPage.getByText(/^Version 1, updated /).waitFor();
    await patientPage.getByLabel('Reason').fill('Headaches every morning');
    await patientPage.getByRole('button', { name: 'Request a consultation' }).click();
    await patientPage.getByText('Tick the box to accept the telehealth consent before asking for a consultation').waitFor();
    expect(await consentBox(patientPage).evaluate((box) => box === document.activeElement)).toBe(true);
    expect(opened).toEqual([]);

    await acceptConsentInForm(patientPage);
    await patientPage.getByRole('button', { name: 'Request a consultation' }).click();
    await heading(patientPage, 'You are in the queue').waitFor();
    expect(opened).toHaveLength(1);
    const doctorPage = await signIn(doctor);
    await queueEntry(doctorPage, 'Florence Nightingale')
      .getByText(/^Consent v1 accepted /)
      .waitFor();

    // Back at the form, the consent is one line now, the text a press away.
    await patientPage.getByRole('button', { name: 'Cancel request' }).click();
    await patientPage
      .getByRole('dialog', { name: 'Cancel your request?' })
      .getByRole('button', { name: 'Yes, cancel request' })
      .click();
    await patientPage.getByText(/^You accepted the telehealth consent \(version 1\) on /).waitFor();
    expect(await consentBox(patientPage).count()).toBe(0);
    await patientPage.getByRole('button', { name: 'Read it again' }).click();
    await text.waitFor();

    const adminPage = await signIn(admin);
    await adminPage.getByRole('navigation', { name: 'Admin sections' }).getByRole('link', { name: 'Telehealth consent' }).click();
    await adminPage.getByText(/^Version 1, saved /).waitFor();
    await adminPage.getByLabel('Consent text').fill('Consent to telehealth care, revised: video visits may now include a nurse.');
    await adminPage.getByRole('button', { name: 'Save', exact: true }).click();
    await toast(adminPage, 'Consent version 2 saved; patients will be asked again').waitFor();
    await adminPage.getByText(/^Version 2, saved /).waitFor();

    // The patient's page still shows version 1 as accepted: the server refuses, and the page asks again.
    await patientPage.getByLabel('Reason').fill('Headaches every morning');
    await patientPage.getByRole('button', { name: 'Request a consultation' }).click();
    await patientPage
      .getByRole('alert')
      .filter({ hasText: 'The clinic updated its telehealth consent; please read and accept it again.' })
      .waitFor();
    await patientPage.getByText(/^Version 2, updated /).waitFor();
    expect(await text.textContent()).toContain('may now include a nurse');
    await acceptConsentInForm(patientPage);
    await patientPage.getByRole('button', { name: 'Request a consultation' }).click();
    await heading(patientPage, 'You are in the queue').waitFor();
    await queueEntry(doctorPage, 'Florence Nightingale')
      .getByText(/^Consent v2 accepted /)
      .waitFor();

    await adminPage.getByRole('link', { name: 'Audit log' }).click();
    await adminPage.getByRole('rowheader', { name: 'Saved a new telehealth consent' }).first().waitFor();
    await adminPage.getByRole('rowheader', { name: 'Accepted the telehealth consent' }).first().waitFor();
  });
});
