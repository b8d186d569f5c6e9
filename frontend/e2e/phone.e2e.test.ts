/// <reference types="node" />
// Every signed-in screen at 390×844, as on a phone: the header in one row (the rest in a menu), no
// page wider than the screen, and every tap target at least 44 px.
import type { Page } from 'playwright-core';
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

const PHONE = { width: 390, height: 844 };

async function onPhone(user: TestUser, colorScheme: 'light' | 'dark'): Promise<Page> {
  const { context, page } = await harness.newPage({ colorScheme });
  await page.setViewportSize(PHONE);
  await context.addCookies([{ name: 'jwt', value: user.cookie.slice('jwt='.length), url: harness.baseUrl }]);
  return page;
}

/** Visible controls smaller than 44×44 px, by name: what a thumb misses. */
async function smallTapTargets(page: Page): Promise<string[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('button, select, input:not([type=hidden]), textarea, .app-nav a, a.button')]
      .filter((element) => element.offsetParent !== null && !element.closest('.visually-hidden'))
      .filter((element) => {
        const box = element.getBoundingClientRect();
        return box.width > 0 && (box.width < 43.5 || box.height < 43.5);
      })
      .map((element) => {
        const box = element.getBoundingClientRect();
        return `${element.tagName.toLowerCase()} "${(element.getAttribute('aria-label') ?? element.textContent ?? '').trim().slice(0, 30)}" ${Math.round(box.width)}×${Math.round(box.height)}`;
      }),
  );
}

/** Elements reaching past the screen's right edge (the page would scroll sideways), innermost first. */
async function overflowing(page: Page): Promise<string[]> {
  return page.evaluate((width) => {
    const wide = [...document.querySelectorAll<HTMLElement>('body *')].filter((element) => {
      const box = element.getBoundingClientRect();
      if (box.width === 0 || box.right <= width + 0.5) return false;
      // inside something that scrolls sideways on its own: that is allowed
      for (let parent = element.parentElement; parent; parent = parent.parentElement) {
        const overflow = getComputedStyle(parent).overflowX;
        if (
          (overflow === 'auto' || overflow === 'scroll' || overflow === 'hidden') &&
          parent.getBoundingClientRect().right <= width + 0.5
        )
          return false;
      }
      return true;
    });
    return wide
      .filter((element) => !wide.some((other) => other !== element && element.contains(other)))
      .map(
        (element) =>
          `${element.tagName.toLowerCase()}.${element.className} right=${Math.round(element.getBoundingClientRect().right)}`,
      );
  }, PHONE.width);
}

async function checkScreen(page: Page, name: string): Promise<void> {
  // the signed-in frame, connected: the page is the app's, not the loading screen
  await page.getByRole('status').filter({ hasText: 'Connected' }).waitFor();
  const header = await page.locator('.app-header').boundingBox();
  expect(header!.height, `${name}: header in one row`).toBeLessThan(80);
  expect(await overflowing(page), `${name}: nothing wider than the screen`).toEqual([]);
  expect(
    await page.evaluate(() => document.documentElement.scrollWidth),
    `${name}: the page does not scroll sideways`,
  ).toBeLessThanOrEqual(PHONE.width);
  expect(await smallTapTargets(page), `${name}: tap targets`).toEqual([]);
  await expectNoA11yViolations(page, `${name} on a phone`);
}

describe('on a phone', () => {
  for (const colorScheme of ['light', 'dark'] as const) {
    it(`every screen fits and can be tapped (${colorScheme})`, async () => {
      const { patient, doctor } = await consultedPair(harness.server, {
        patient: `Phone Patient ${colorScheme}`,
        doctor: `Dr. Phone ${colorScheme}`,
      });
      await sendText(harness.server, doctor, patient, 'How are you feeling today? Tell me whether the cough is better.');
      const admin = await harness.server.createUser('admin', { name: 'Phone Admin' });

      const patientPage = await onPhone(patient, colorScheme);
      await patientPage.goto('/patient');
      await patientPage.getByRole('heading', { level: 1 }).first().waitFor();
      await checkScreen(patientPage, 'patient home');
      await screenshot(patientPage, `phone-patient-home-${colorScheme}`);

      await patientPage.getByRole('button', { name: 'Menu' }).click();
      await patientPage.getByRole('navigation', { name: 'Main' }).getByRole('link').first().waitFor();
      await expectNoA11yViolations(patientPage, `the open menu on a phone (${colorScheme})`);
      await screenshot(patientPage, `phone-menu-${colorScheme}`);
      await patientPage.getByRole('button', { name: 'Menu' }).click();

      await patientPage.goto(`/messages/${doctor.id}`);
      await patientPage.getByRole('log').locator('[data-message-id]').first().waitFor();
      await checkScreen(patientPage, 'thread');
      await screenshot(patientPage, `phone-thread-${colorScheme}`);

      await patientPage.goto('/profile');
      await patientPage.getByRole('heading', { name: 'Your profile' }).waitFor();
      await checkScreen(patientPage, 'profile');

      const doctorPage = await onPhone(doctor, colorScheme);
      await doctorPage.goto('/doctor');
      await doctorPage.getByRole('heading', { name: 'Patient queue' }).waitFor();
      await checkScreen(doctorPage, 'doctor queue');
      await screenshot(doctorPage, `phone-doctor-queue-${colorScheme}`);

      const adminPage = await onPhone(admin, colorScheme);
      await adminPage.goto('/admin');
      await adminPage.getByRole('heading', { name: 'Accounts' }).first().waitFor();
      await adminPage
        .getByRole('table')
        .or(adminPage.getByRole('list', { name: /accounts/i }))
        .first()
        .waitFor();
      await checkScreen(adminPage, 'admin accounts');
      await screenshot(adminPage, `phone-admin-users-${colorScheme}`);
    }, 120_000);
  }
});
