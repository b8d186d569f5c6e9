/// <reference types="node" />
import type { Message } from '@telehealth/shared';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startHarness, type Harness } from './harness';
import { consultedPair } from './people';

/*
 * A send answered 429 (the server's per-user message limit): the composer says sending is paused
 * and for how long, the message stays in the outbox, and it goes out by itself after Retry-After.
 * The 429 is made by intercepting the first POST in the browser (page.route), because the server's
 * limit had no configuration to make it tiny when this was written.
 */

let harness: Harness;

beforeAll(async () => {
  harness = await startHarness();
});

afterAll(async () => {
  await harness?.close();
});

it('a rate-limited message is shown as paused, kept, and sent after the wait', async () => {
  const { patient, doctor } = await consultedPair(harness.server);
  const { context, page } = await harness.newPage();
  await context.addCookies([{ name: 'jwt', value: patient.cookie.slice('jwt='.length), url: harness.baseUrl }]);
  let refused = 0;
  await page.route(`**/api/messages/${doctor.id}`, async (route) => {
    if (route.request().method() !== 'POST' || refused > 0) return route.fallback();
    refused += 1;
    await route.fulfill({
      status: 429,
      headers: { 'Retry-After': '3', 'Content-Type': 'application/json' },
      body: JSON.stringify({ error: { code: 'RATE_LIMITED', message: 'Too many messages; try again later' } }),
    });
  });
  await page.goto(`/messages/${doctor.id}`);
  await page.getByRole('heading', { level: 2, name: doctor.name }).waitFor();
  await page.getByRole('status').filter({ hasText: 'Connected' }).waitFor();

  const composer = page.getByRole('textbox', { name: /^Message to/ });
  await composer.fill('sent after the pause');
  await composer.press('Enter');

  const notice = page.getByRole('status').filter({ hasText: /Sending paused: too many messages.*in \d s/ });
  await notice.waitFor();
  expect(refused).toBe(1);
  // Kept: in the thread, still on its way, and not yet on the server.
  await page.getByRole('log').getByText('sent after the pause').waitFor();
  const stored = async () => {
    const response = await harness.server.request.get(`/api/messages/${patient.id}`).set('Cookie', doctor.cookie);
    // what the doctor wrote: the consultation's own "started" entry aside
    return (response.body as { messages: Message[] }).messages
      .filter((message) => message.kind !== 'system')
      .map((message) => message.text);
  };
  expect(await stored()).toEqual([]);

  // After Retry-After the outbox sends it by itself, and the notice goes away.
  await notice.waitFor({ state: 'detached', timeout: 10_000 });
  await expect.poll(stored, { timeout: 10_000 }).toEqual(['sent after the pause']);
}, 60_000);
