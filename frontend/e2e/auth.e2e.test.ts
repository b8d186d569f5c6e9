import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoA11yViolations, screenshot, startHarness, type Harness } from './harness';

let harness: Harness;

beforeAll(async () => {
  harness = await startHarness();
});

afterAll(async () => {
  await harness?.close();
});

const heading = (page: Page, name: string) => page.getByRole('heading', { level: 1, name });
const pathOf = (page: Page) => new URL(page.url()).pathname;
let registrations = 0;

async function registerPatient(page: Page, name = 'Ada Lovelace'): Promise<string> {
  registrations += 1;
  const email = `patient-${registrations}-${Date.now()}@test.local`;
  await page.goto('/register');
  await page.getByLabel('Name', { exact: true }).fill(name);
  await page.getByLabel('Email', { exact: true }).fill(email);
  await page.getByLabel('Password', { exact: true }).fill('correct horse battery');
  await page.getByRole('button', { name: 'Create account' }).click();
  await heading(page, 'Your consultations').waitFor();
  return email;
}

async function signIn(page: Page, email: string, password: string): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('Email', { exact: true }).fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

describe('registration and sessions', () => {
  it('a new patient registers, lands on their home, stays signed in across a reload, and signs out', async () => {
    const { page } = await harness.newPage();
    await registerPatient(page, 'Ada Lovelace');
    expect(pathOf(page)).toBe('/patient');
    await page.getByRole('status').filter({ hasText: 'Connected' }).waitFor();
    expect(await page.getByText('Ada Lovelace').isVisible()).toBe(true);
    expect(await page.getByRole('navigation', { name: 'Main' }).getByRole('link').allTextContents()).toEqual([
      'Consultations',
      'Profile',
    ]);

    await page.reload();
    await heading(page, 'Your consultations').waitFor();
    expect(pathOf(page)).toBe('/patient');

    // The offline outbox is kept per user on this device, and dropped when they sign out.
    const outboxes = () =>
      page.evaluate(async () =>
        (await indexedDB.databases())
          .map((database) => database.name ?? '')
          .filter((name) => name.startsWith('careline-outbox-')),
      );
    await expect.poll(outboxes).toHaveLength(1);

    await page.getByRole('button', { name: 'Log out' }).click();
    await heading(page, 'Sign in').waitFor();
    await expect.poll(outboxes).toEqual([]);

    await page.goto('/patient');
    await heading(page, 'Sign in').waitFor();
    expect(pathOf(page)).toBe('/login');
  });

  it('visiting the sign-in page signed out logs nothing in the console and no failed request', async () => {
    const { page } = await harness.newPage();
    const problems: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error' || message.type() === 'warning') problems.push(`${message.type()}: ${message.text()}`);
    });
    page.on('response', (response) => {
      if (response.status() >= 400) problems.push(`${response.status()} ${new URL(response.url()).pathname}`);
    });
    await page.goto('/login');
    await heading(page, 'Sign in').waitFor();
    await page.reload();
    await heading(page, 'Sign in').waitFor();
    await page.waitForLoadState('networkidle');
    expect(problems).toEqual([]);
  });

  it('a signed-out visitor asking for any page is sent to sign in', async () => {
    const { page } = await harness.newPage();
    for (const path of ['/', '/patient', '/doctor', '/admin', '/profile']) {
      await page.goto(path);
      await heading(page, 'Sign in').waitFor();
      expect(pathOf(page)).toBe('/login');
    }
  });

  it('registration shows what is wrong with each field, before asking the server', async () => {
    const { page } = await harness.newPage();
    await page.goto('/register');
    await page.getByLabel('Email', { exact: true }).fill('not-an-email');
    await page.getByLabel('Password', { exact: true }).fill('short');
    await page.getByRole('button', { name: 'Create account' }).click();

    await page.getByText('Name is required').waitFor();
    expect(await page.getByText('Email must be an email address').isVisible()).toBe(true);
    expect(await page.getByText('Password must be at least 8 characters').isVisible()).toBe(true);
    const name = page.getByLabel('Name', { exact: true });
    expect(await name.getAttribute('aria-invalid')).toBe('true');
    expect(await name.evaluate((input) => input === document.activeElement)).toBe(true);
  });

  it('the server session ending elsewhere signs the page out by itself', async () => {
    const { context, page } = await harness.newPage();
    await registerPatient(page);
    await page.getByRole('status').filter({ hasText: 'Connected' }).waitFor();

    const jwt = (await context.cookies()).find((cookie) => cookie.name === 'jwt');
    expect(jwt).toBeDefined();
    const response = await harness.server.request.post('/api/auth/logout').set('Cookie', `jwt=${jwt!.value}`);
    expect(response.status).toBe(204);

    await heading(page, 'Sign in').waitFor();
  });

  it('what a person types while the live connection is still opening stays, with its focus', async () => {
    const { page } = await harness.newPage();
    const email = await registerPatient(page);
    await page.getByRole('button', { name: 'Log out' }).click();
    await heading(page, 'Sign in').waitFor();
    // A slow network: the socket's ticket answers a second and a half after the page is up.
    await page.route('**/api/auth/socket-ticket', async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      await route.continue();
    });
    await signIn(page, email, 'correct horse battery');
    await heading(page, 'Your consultations').waitFor();
    const reason = page.getByLabel('Reason');
    await reason.fill('Sore throat since Monday');
    await page.evaluate(() => {
      (document.activeElement as Element & { careLineMark?: boolean }).careLineMark = true;
    });
    await page.getByRole('status').filter({ hasText: 'Connected' }).waitFor();
    expect(await reason.inputValue()).toBe('Sore throat since Monday');
    // The same element still has focus: nothing below the providers was remounted when the socket came.
    expect(
      await page.evaluate(() => (document.activeElement as Element & { careLineMark?: boolean }).careLineMark === true),
    ).toBe(true);
  });
});

describe('signing in', () => {
  it('a wrong password is answered inline, and the page stays', async () => {
    const patient = await harness.server.createUser('patient');
    const { page } = await harness.newPage();
    await signIn(page, patient.email, 'not the password');

    await page.getByRole('alert').filter({ hasText: 'Email or password is incorrect' }).waitFor();
    expect(pathOf(page)).toBe('/login');
  });

  it('an empty form is explained field by field', async () => {
    const { page } = await harness.newPage();
    await page.goto('/login');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText('Email must be an email address').waitFor();
    expect(await page.getByText('Password is required').isVisible()).toBe(true);
  });

  it("each role lands on its own home, and another role's home sends it back", async () => {
    const homes = [
      ['doctor', '/doctor', 'Patient queue', '/patient'],
      ['admin', '/admin', 'Accounts', '/doctor'],
      ['patient', '/patient', 'Your consultations', '/admin'],
    ] as const;
    for (const [role, home, title, elsewhere] of homes) {
      const user = await harness.server.createUser(role);
      const { page } = await harness.newPage();
      await signIn(page, user.email, user.password);
      await heading(page, title).waitFor();
      expect(pathOf(page)).toBe(home);

      await page.goto(elsewhere);
      await heading(page, title).waitFor();
      expect(pathOf(page)).toBe(home);
    }
  });

  it('a signed-in user sent to the login page goes to their home', async () => {
    const { page } = await harness.newPage();
    await registerPatient(page);
    await page.goto('/login');
    await heading(page, 'Your consultations').waitFor();
    expect(pathOf(page)).toBe('/patient');
  });
});

describe('themes and accessibility', () => {
  for (const theme of ['light', 'dark'] as const) {
    it(`the login, registration and patient pages have no serious accessibility issue in the ${theme} theme`, async () => {
      const { page } = await harness.newPage({ colorScheme: theme });
      await page.goto('/login');
      await heading(page, 'Sign in').waitFor();
      expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe(theme);
      await expectNoA11yViolations(page, `login (${theme})`);
      await screenshot(page, `login-${theme}`);

      // Error states have colours of their own: check them too.
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByText('Email must be an email address').waitFor();
      await expectNoA11yViolations(page, `login with errors (${theme})`);

      await page.goto('/register');
      await heading(page, 'Create an account').waitFor();
      await expectNoA11yViolations(page, `register (${theme})`);
      await screenshot(page, `register-${theme}`);

      await registerPatient(page);
      await page.getByRole('status').filter({ hasText: 'Connected' }).waitFor();
      await expectNoA11yViolations(page, `patient home (${theme})`);
      await screenshot(page, `patient-home-${theme}`);
    });
  }

  it('the theme switch overrides the system theme and is remembered', async () => {
    const { page } = await harness.newPage({ colorScheme: 'light' });
    await registerPatient(page);
    // The button names the theme it switches to.
    await page.getByRole('button', { name: 'Dark theme' }).click();
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    await page.getByRole('button', { name: 'Light theme' }).waitFor();
    expect(await page.getByRole('button', { name: 'Dark theme' }).count()).toBe(0);

    await page.reload();
    await heading(page, 'Your consultations').waitFor();
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('dark');
    await page.getByRole('button', { name: 'Light theme' }).click();
    expect(await page.evaluate(() => document.documentElement.dataset.theme)).toBe('light');
  });

  it('the header can be used with the keyboard alone', async () => {
    const { page } = await harness.newPage();
    await registerPatient(page);
    // A fresh load: where Tab starts must not depend on where the sign-up button stood before it went.
    await page.reload();
    await heading(page, 'Your consultations').waitFor();
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Skip to content');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');
  });
});
