/// <reference types="node" />
// People for browser tests, made through the public API as the app itself would make them.
import { randomUUID } from 'node:crypto';
import type { Message } from '@telehealth/shared';
import type { Page } from 'playwright-core';
import type { TestServer, TestUser } from '../../backend/test/test-server.js';
import type { Harness } from './harness';

/**
 * A patient and a doctor with an active consultation (the patient asked, the doctor accepted), so
 * they may message and call each other. `origin`: the page's origin, when the API checks it.
 */
export async function consultedPair(
  server: TestServer,
  names: { patient?: string; doctor?: string } = {},
  origin?: string,
): Promise<{ patient: TestUser; doctor: TestUser }> {
  const patient = await server.createUser('patient', { name: names.patient ?? 'Ada Lovelace' });
  const doctor = await server.createUser('doctor', { name: names.doctor ?? 'Dr. Grace Hopper' });
  const withOrigin = <T extends { set(name: string, value: string): T }>(test: T) => (origin ? test.set('Origin', origin) : test);
  const opened = await withOrigin(server.request.post('/api/consultations').set('Cookie', patient.cookie)).send({
    reason: 'A cough for a week',
    urgency: 'routine',
    doctorId: doctor.id,
  });
  if (opened.status !== 201) throw new Error(`could not open a consultation: ${opened.status} ${JSON.stringify(opened.body)}`);
  const id = (opened.body as { consultation: { id: string } }).consultation.id;
  const accepted = await withOrigin(server.request.post(`/api/consultations/${id}/accept`).set('Cookie', doctor.cookie));
  if (accepted.status !== 200) throw new Error(`could not accept: ${accepted.status} ${JSON.stringify(accepted.body)}`);
  return { patient, doctor };
}

/** A text message sent through the API, as the other person's app would. */
export async function sendText(server: TestServer, sender: TestUser, receiver: TestUser, text: string): Promise<Message> {
  const response = await server.request
    .post(`/api/messages/${receiver.id}`)
    .set('Cookie', sender.cookie)
    .send({ clientId: randomUUID(), text });
  if (response.status !== 201) throw new Error(`send failed: ${response.status} ${JSON.stringify(response.body)}`);
  return (response.body as { message: Message }).message;
}

/**
 * Ticks the telehealth consent box in the request form, as a patient who read it does. Patients
 * made by the test kit have accepted the current version already and see no box: this is for
 * those made with `consent: false`, registered through the page, or asked again after a new version.
 */
export async function acceptConsentInForm(page: Page): Promise<void> {
  await page.getByRole('checkbox', { name: 'I have read and accept the telehealth consent' }).check();
}

/** Signs in through the sign-in page, as the person would, and waits until the app is connected. */
export async function signInThroughPage(page: Page, user: Pick<TestUser, 'email' | 'password'>): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('Email', { exact: true }).fill(user.email);
  await page.getByLabel('Password', { exact: true }).fill(user.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('status').filter({ hasText: 'Connected' }).waitFor();
}

/** Another person: a fresh browser context, signed in as `user`. */
export async function signedInPage(harness: Pick<Harness, 'newPage'>, user: Pick<TestUser, 'email' | 'password'>): Promise<Page> {
  const { page } = await harness.newPage();
  await signInThroughPage(page, user);
  return page;
}
