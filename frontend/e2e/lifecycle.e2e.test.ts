// One consultation from the patient's consent to the summary they print (issue 16), each person in
// their own browser context, as they would meet it: nothing below is set up behind the page's back
// except the two accounts.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestUser } from '../../backend/test/test-server.js';
import { expectNoA11yViolations, screenshot, startHarness, type Harness } from './harness';
import { acceptConsentInForm, signedInPage } from './people';

let harness: Harness;

beforeAll(async () => {
  harness = await startHarness();
});

afterAll(async () => {
  await harness?.close();
});

const INSTRUCTIONS = 'Apply the cream twice a day for a week.';
const heading = (page: Page, name: string | RegExp) => page.getByRole('heading', { name });

const signIn = (user: TestUser) => signedInPage(harness, user);

/**
 * A screen as a patient or doctor meets it: axe on it, then a screenshot on a desktop in light and
 * on a phone in dark, the page put back as it was.
 */
async function lookAt(page: Page, name: string): Promise<void> {
  await expectNoA11yViolations(page, name);
  await screenshot(page, `${name}-desktop-light`);
  const viewport = page.viewportSize();
  await page.setViewportSize({ width: 390, height: 844 });
  await page.emulateMedia({ colorScheme: 'dark' });
  await expectNoA11yViolations(page, `${name} (phone, dark)`);
  await screenshot(page, `${name}-phone-dark`);
  await page.emulateMedia({ colorScheme: 'light' });
  if (viewport) await page.setViewportSize(viewport);
}

/** The doctor's word to their waiting room, posted from the desk. */
async function postWaitingNote(doctorPage: Page, text: string): Promise<void> {
  await doctorPage.getByLabel('Your note').fill(text);
  await doctorPage.getByRole('button', { name: 'Post note' }).click();
  await doctorPage.getByRole('status').filter({ hasText: text }).first().waitFor();
}

/** The patient asks for this doctor by name, ticking the consent they have not accepted yet. */
async function askWithConsent(patientPage: Page, doctorOption: string, reason: string): Promise<void> {
  await heading(patientPage, 'Ask for a consultation').waitFor();
  await patientPage.getByLabel('Reason').fill(reason);
  await patientPage.getByLabel('Preferred doctor').selectOption({ label: doctorOption });
  await acceptConsentInForm(patientPage);
  await patientPage.getByRole('button', { name: 'Request a consultation' }).click();
  await heading(patientPage, 'You are in the queue').waitFor();
}

/**
 * The doctor writes instructions in the thread; they wait on the patient's home until confirmed,
 * and the patient confirms them in the thread; both see the time.
 */
async function instructionsUnderstood(
  doctorPage: Page,
  patientPage: Page,
  names: { patient: string; doctor: string },
  text: string,
) {
  await doctorPage.getByRole('checkbox', { name: 'Send as instructions' }).check();
  await doctorPage.getByLabel(`Message to ${names.patient}`).fill(text);
  await doctorPage.getByRole('button', { name: 'Send instructions' }).click();
  await doctorPage.getByText('Waiting for confirmation').waitFor();

  await patientPage.goto('/patient');
  const pending = patientPage.getByRole('region', { name: 'Instructions to confirm' });
  await pending.getByText(text).waitFor();
  await pending.getByRole('link', { name: `Open the conversation with ${names.doctor}` }).click();
  const received = patientPage.getByRole('log').locator('.message').filter({ hasText: text });
  await received.getByText('Instructions', { exact: true }).waitFor();
  await lookAt(patientPage, 'lifecycle-instructions');
  await received.getByRole('button', { name: 'I understand' }).click();
  await received.getByText(/Understood at/).waitFor();
  await doctorPage.getByText(/Understood at/).waitFor();
  // Confirmed, they leave the home's list: read again once the page has asked the server.
  const pendingRead = patientPage.waitForResponse((response) => response.url().endsWith('/api/messages/instructions/pending'));
  await patientPage.goto('/patient');
  expect((await pendingRead).status()).toBe(200);
  await heading(patientPage, `${names.doctor} is ready for you`).waitFor();
  await expect.poll(() => patientPage.getByRole('region', { name: 'Instructions to confirm' }).count()).toBe(0);
}

describe('a consultation with a beginning, an end, and what the patient takes home', () => {
  it('walks from consent to a printed summary, with both people in their own browsers', async () => {
    const doctor = await harness.server.createUser('doctor', { name: 'Elizabeth Blackwell', specialty: 'Dermatology' });
    const patient = await harness.server.createUser('patient', { name: 'Mary Seacole', consent: false });
    const stranger = await harness.server.createUser('patient', { name: 'Someone Else' });

    // The doctor tells the waiting room they are late; the patient asks, accepting the consent.
    const doctorPage = await signIn(doctor);
    await heading(doctorPage, 'Patient queue').waitFor();
    await postWaitingNote(doctorPage, 'Running about 10 minutes late');
    const patientPage = await signIn(patient);
    await askWithConsent(patientPage, 'Dr. Elizabeth Blackwell, Dermatology (available)', 'A rash on both arms');
    const waitingNote = patientPage.getByRole('status').filter({ hasText: 'Running about 10 minutes late' });
    await waitingNote.waitFor();
    expect(await waitingNote.textContent()).toContain('Dr. Elizabeth Blackwell');
    await lookAt(patientPage, 'lifecycle-waiting-note');
    await lookAt(doctorPage, 'lifecycle-doctor-note');

    // A new note reaches the waiting card live; the queue entry says which consent was accepted.
    await postWaitingNote(doctorPage, 'Back on time now');
    await patientPage.getByRole('status').filter({ hasText: 'Back on time now' }).waitFor();
    const entry = doctorPage
      .getByRole('list', { name: 'Waiting patients' })
      .getByRole('listitem')
      .filter({ hasText: 'Mary Seacole' });
    await entry.getByText(/^Consent v1 accepted /).waitFor();
    await doctorPage.getByRole('button', { name: 'Accept Mary Seacole' }).click();

    // The thread marks where the consultation started, on both screens.
    await heading(patientPage, 'Dr. Elizabeth Blackwell is ready for you').waitFor();
    await patientPage.getByRole('link', { name: 'Open conversation with Dr. Elizabeth Blackwell' }).click();
    const started = 'Consultation started — Dr. Elizabeth Blackwell — A rash on both arms';
    await patientPage.getByRole('log').getByText(started).waitFor();
    await doctorPage.goto(`/messages/${patient.id}`);
    await doctorPage.getByRole('log').getByText(started).waitFor();
    // A server-written entry offers no menu: nothing to edit, delete or react to.
    expect(await doctorPage.getByRole('log').locator('[data-system-event] button').count()).toBe(0);

    await instructionsUnderstood(
      doctorPage,
      patientPage,
      { patient: 'Mary Seacole', doctor: 'Dr. Elizabeth Blackwell' },
      INSTRUCTIONS,
    );

    // The doctor completes with notes; the patient's thread marks the end and may still ask follow-up questions.
    await patientPage.goto(`/messages/${doctor.id}`);
    await patientPage.getByRole('log').getByText(INSTRUCTIONS).waitFor();
    await doctorPage.goto('/doctor');
    await doctorPage.getByRole('button', { name: 'Complete consultation with Mary Seacole' }).click();
    const dialog = doctorPage.getByRole('dialog', { name: 'Complete consultation with Mary Seacole' });
    await dialog.getByLabel('Notes for the patient').fill('Eczema. Cream twice a day; write if it spreads.');
    await dialog.getByRole('button', { name: 'Complete consultation' }).click();
    const completed = patientPage.getByRole('log').locator('[data-system-event="consultation-completed"]');
    await completed.waitFor();
    await patientPage.getByText(/^You can write follow-up questions until /).waitFor();
    // Calls need an active consultation: the button says so instead of ringing.
    const call = patientPage.getByRole('button', { name: /^Video call/ });
    await expect.poll(() => call.isDisabled()).toBe(true);
    await lookAt(patientPage, 'lifecycle-thread-completed');

    // The summary, from the thread's link.
    await completed.getByRole('link', { name: 'View summary' }).click();
    await heading(patientPage, 'Visit summary').waitFor();
    const summaryPath = new URL(patientPage.url()).pathname;
    await patientPage.getByRole('region', { name: "Doctor's notes" }).waitFor();
    const summaryText = await patientPage.getByRole('main').textContent();
    for (const part of [
      'A rash on both arms',
      'Dr. Elizabeth Blackwell',
      'Mary Seacole',
      'Eczema. Cream twice a day',
      INSTRUCTIONS,
    ])
      expect(summaryText).toContain(part);
    expect(summaryText).toMatch(/Understood at/);
    await screenshot(patientPage, 'summary-screen');
    await lookAt(patientPage, 'lifecycle-summary');

    // Printed: only the summary; the app's chrome and the page's buttons are gone.
    await patientPage.emulateMedia({ media: 'print' });
    expect(await patientPage.getByRole('banner').isVisible()).toBe(false);
    expect(await patientPage.getByRole('button', { name: 'Print or save as PDF' }).isVisible()).toBe(false);
    expect(await patientPage.getByRole('link', { name: 'Back to the conversation' }).isVisible()).toBe(false);
    expect(await heading(patientPage, 'Visit summary').isVisible()).toBe(true);
    expect(await patientPage.getByText('Eczema. Cream twice a day; write if it spreads.').isVisible()).toBe(true);
    const background = await patientPage.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(background).toMatch(/^rgba?\(255, 255, 255|^rgba\(0, 0, 0, 0\)/);
    await screenshot(patientPage, 'summary-print');
    const pdf = await patientPage.pdf({ format: 'A4' });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');

    // The patient's past consultations lead to the summary and to where it began in the thread.
    await patientPage.emulateMedia({ media: 'screen' });
    await patientPage.goto('/patient');
    await patientPage
      .getByRole('link', { name: /^Show in the conversation/ })
      .first()
      .click();
    await patientPage.locator('[data-system-event="consultation-started"][data-highlighted="true"]').waitFor();

    // The doctor opens the same summary; another patient may not.
    await doctorPage.goto(summaryPath);
    await heading(doctorPage, 'Visit summary').waitFor();
    await doctorPage.getByText('Eczema. Cream twice a day; write if it spreads.').waitFor();
    const strangerPage = await signIn(stranger);
    await strangerPage.goto(summaryPath);
    await strangerPage.getByText('This summary is not available to you.').waitFor();
    expect(await strangerPage.getByText('A rash on both arms').count()).toBe(0);
  }, 180_000);
});
