/// <reference types="node" />
// The thread as a reader meets it: kept at its end while they are there, told what arrived when they
// scrolled up (and not reported as having read it), popovers inside the pane, and a thread nobody may write in.
import type { Locator, Page } from 'playwright-core';
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

async function openThread(
  user: TestUser,
  partner: TestUser,
  viewport = { width: 1280, height: 800 },
  colorScheme: 'light' | 'dark' = 'light',
): Promise<Page> {
  const { context, page } = await harness.newPage({ colorScheme });
  await page.setViewportSize(viewport);
  await context.addCookies([{ name: 'jwt', value: user.cookie.slice('jwt='.length), url: harness.baseUrl }]);
  await page.goto(`/messages/${partner.id}`);
  await page.getByRole('status').filter({ hasText: 'Connected' }).waitFor();
  await page.getByRole('log').locator('[data-message-id]').first().waitFor();
  return page;
}

/** Whether the element is wholly inside the thread's visible area. */
async function inView(page: Page, element: Locator): Promise<boolean> {
  if ((await element.count()) === 0) return false; // virtualised away: not on screen
  const scroller = await page.getByRole('log').boundingBox();
  const box = await element.boundingBox();
  return !!scroller && !!box && box.y >= scroller.y - 1 && box.y + box.height <= scroller.y + scroller.height + 1;
}

/**
 * The row whose text starts with `text` and goes on with no further digit: "Live 1" is not "Live 10",
 * and the time printed beside it ("08:40 PM") cannot join the digits as it could in the row's text.
 */
const rowWith = (page: Page, text: string) =>
  page
    .getByRole('log')
    .locator('[data-message-id]')
    .filter({
      has: page.locator('.message-text', { hasText: new RegExp(`^${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![0-9])`) }),
    });

describe('the thread follows the conversation', () => {
  it('opens at the newest message, keeps each new one in view at the bottom, and after scrolling up offers "3 new messages" and holds the read receipt', async () => {
    const { patient, doctor } = await consultedPair(harness.server);
    for (let i = 1; i <= 40; i++)
      await sendText(harness.server, doctor, patient, `Earlier note ${i}: ${'a longer line of text '.repeat(i % 4)}`);
    const page = await openThread(patient, doctor);
    await expect.poll(() => inView(page, rowWith(page, 'Earlier note 40:'))).toBe(true);

    for (let i = 1; i <= 10; i++) {
      const text = i % 3 === 0 ? `Live ${i}: ${'a message long enough to wrap over several lines. '.repeat(6)}` : `Live ${i}`;
      await sendText(harness.server, doctor, patient, text);
      await rowWith(page, `Live ${i}`).waitFor();
      await expect.poll(() => inView(page, rowWith(page, `Live ${i}`)), { timeout: 3_000 }).toBe(true);
    }

    // The reader scrolls up to re-read; receipts sent from now on would be lies.
    const receipts: string[] = [];
    page.on('request', (request) => {
      if (request.method() === 'POST' && /\/api\/messages\/[^/]+\/read$/.test(new URL(request.url()).pathname))
        receipts.push(request.url());
    });
    await page.getByRole('log').hover();
    await page.mouse.wheel(0, -1_500);
    await expect.poll(() => inView(page, rowWith(page, 'Live 10'))).toBe(false);
    for (const text of ['After 1', 'After 2', 'After 3']) await sendText(harness.server, doctor, patient, text);
    const button = page.getByRole('button', { name: /3 new messages/ });
    await button.waitFor();
    await page.waitForTimeout(500);
    expect(receipts).toEqual([]);
    expect(await inView(page, rowWith(page, 'After 3'))).toBe(false);
    await screenshot(page, 'chat-new-messages');

    await button.click();
    await expect.poll(() => inView(page, rowWith(page, 'After 3'))).toBe(true);
    await expect.poll(() => receipts.length).toBeGreaterThan(0);
    await button.waitFor({ state: 'detached' });
  }, 120_000);
});

describe('popovers stay inside the pane', () => {
  it('the reaction picker of a wide message keeps every emoji inside the thread, and the last one can be clicked', async () => {
    const { patient, doctor } = await consultedPair(harness.server, { patient: 'Wide Patient', doctor: 'Dr. Wide' });
    const wide = `A long message: ${'words that fill the whole width of the bubble '.repeat(8)}`;
    await sendText(harness.server, patient, doctor, wide);
    await sendText(harness.server, doctor, patient, wide.replace('A long', 'Their long'));
    const page = await openThread(patient, doctor);
    const pane = (await page.locator('.thread').boundingBox())!;
    for (const text of ['A long message', 'Their long message']) {
      const row = rowWith(page, text);
      await row.hover();
      await row.getByRole('button', { name: 'React', exact: true }).click();
      const emoji = row.getByRole('group', { name: 'Choose a reaction' }).getByRole('button');
      for (const box of await Promise.all((await emoji.all()).map((button) => button.boundingBox())))
        expect(
          box!.x >= pane.x && box!.x + box!.width <= pane.x + pane.width,
          `${text}: ${JSON.stringify(box)} inside ${JSON.stringify(pane)}`,
        ).toBe(true);
      const last = emoji.last();
      const label = (await last.textContent())!;
      await last.click();
      await row.getByRole('button', { name: `${label} 1` }).waitFor();
    }
    await screenshot(page, 'chat-reactions-wide');
  });
});

describe('a thread nobody may write in', () => {
  it('reached by URL, says why and offers no composer and no call button', async () => {
    const patient = await harness.server.createUser('patient');
    const stranger = await harness.server.createUser('doctor', { name: 'Dr. Never Consulted' });
    const { context, page } = await harness.newPage();
    await context.addCookies([{ name: 'jwt', value: patient.cookie.slice('jwt='.length), url: harness.baseUrl }]);
    await page.goto(`/messages/${stranger.id}`);
    await page.getByRole('status').filter({ hasText: 'You cannot message Dr. Never Consulted here' }).waitFor();
    // The refusal is the whole answer: no loading note waits below it for messages that never come.
    expect(await page.getByText('Loading messages…').count()).toBe(0);
    expect(await page.getByRole('textbox', { name: /^Message to/ }).count()).toBe(0);
    expect(await page.getByRole('button', { name: /Video call/ }).count()).toBe(0);
  });
});

describe('the thread looks right in each state', () => {
  const devices = [
    ['desktop', { width: 1280, height: 800 }],
    ['phone', { width: 390, height: 844 }],
  ] as const;
  for (const [device, viewport] of devices)
    for (const theme of ['light', 'dark'] as const)
      it(`"N new messages", the open reaction picker and a thread nobody may write in (${device}, ${theme})`, async () => {
        const name = `${device}-${theme}`;
        const { patient, doctor } = await consultedPair(harness.server, {
          patient: `Looks Patient ${name}`,
          doctor: `Dr. Looks ${name}`,
        });
        for (let index = 1; index <= 30; index += 1) await sendText(harness.server, doctor, patient, `Earlier ${index}`);
        const page = await openThread(patient, doctor, viewport, theme);
        await page.getByRole('log').hover();
        await page.mouse.wheel(0, -1_500);
        await expect.poll(() => inView(page, rowWith(page, 'Earlier 30'))).toBe(false);
        for (const text of ['Later 1', 'Later 2']) await sendText(harness.server, doctor, patient, text);
        await page.getByRole('button', { name: /2 new messages/ }).waitFor();
        await expectNoA11yViolations(page, `thread with new messages below (${name})`);
        await screenshot(page, `thread-new-messages-${name}`);

        await page.getByRole('button', { name: /2 new messages/ }).click();
        const last = rowWith(page, 'Later 2');
        await expect.poll(() => inView(page, last)).toBe(true);
        await last.hover();
        await last.getByRole('button', { name: 'React', exact: true }).click();
        await last.getByRole('group', { name: 'Choose a reaction' }).waitFor();
        await expectNoA11yViolations(page, `thread with the reaction picker open (${name})`);
        await screenshot(page, `thread-reaction-picker-${name}`);

        const stranger = await harness.server.createUser('doctor', { name: `Dr. Stranger ${name}` });
        await page.goto(`/messages/${stranger.id}`);
        await page
          .getByRole('status')
          .filter({ hasText: `You cannot message Dr. Stranger ${name} here` })
          .waitFor();
        await expectNoA11yViolations(page, `a thread nobody may write in (${name})`);
        await screenshot(page, `thread-not-allowed-${name}`);
      }, 120_000);
});
