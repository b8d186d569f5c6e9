import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestUser } from '../../backend/test/test-server.js';
import { expectNoA11yViolations, screenshot, startHarness, type Harness } from './harness';

let harness: Harness;
let admin: TestUser;

beforeAll(async () => {
  harness = await startHarness();
  admin = await harness.server.createUser('admin', { name: 'Alan Admin' });
});

afterAll(async () => {
  await harness?.close();
});

const toast = (page: Page, text: string) => page.getByRole('status', { name: 'Notifications' }).getByText(text);

async function signInAsAdmin(): Promise<Page> {
  const { page } = await harness.newPage();
  await page.goto('/login');
  await page.getByLabel('Email', { exact: true }).fill(admin.email);
  await page.getByLabel('Password', { exact: true }).fill(admin.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { level: 1, name: 'Accounts' }).waitFor();
  return page;
}

/** A few consultations (waiting, active, completed) so the statistics have something to show. */
async function seedConsultations(): Promise<void> {
  const doctor = await harness.server.createUser('doctor');
  const ids: string[] = [];
  for (let index = 0; index < 3; index += 1) {
    const patient = await harness.server.createUser('patient');
    const response = await harness.server.request
      .post('/api/consultations')
      .set('Cookie', patient.cookie)
      .send({ reason: 'Check-up' });
    ids.push((response.body as { consultation: { id: string } }).consultation.id);
  }
  for (const id of ids.slice(0, 2))
    await harness.server.request.post(`/api/consultations/${id}/accept`).set('Cookie', doctor.cookie);
  await harness.server.request.post(`/api/consultations/${ids[0]}/complete`).set('Cookie', doctor.cookie).send({ notes: 'Fine' });
}

const accountsTable = (page: Page) => page.getByRole('table', { name: 'Accounts, newest first' });

describe('the admin console', () => {
  it('creates a doctor account, shows it in the table and in the audit log, and charts the statistics', async () => {
    const page = await signInAsAdmin();
    await accountsTable(page).waitFor();
    await expectNoA11yViolations(page, 'admin accounts');

    // The shared schema explains every field before anything is sent.
    const form = page.getByRole('region', { name: 'Create a staff account' });
    await form.getByRole('button', { name: 'Create account' }).click();
    await form.getByText('Full name is required').waitFor();
    expect(await form.getByText('Email address must be an email address').isVisible()).toBe(true);
    expect(await form.getByText('Initial password must be at least 8 characters').isVisible()).toBe(true);
    await expectNoA11yViolations(page, 'admin create form with errors');

    await form.getByLabel('Role').selectOption('doctor');
    await form.getByLabel('Full name').fill('Rosalind Franklin');
    await form.getByLabel('Email address').fill(`rosalind-${Date.now()}@test.local`);
    await form.getByLabel('Initial password').fill('double helix 1953');
    await form.getByLabel('Specialty').fill('Radiology');
    await form.getByRole('button', { name: 'Create account' }).click();
    await toast(page, 'Account created for Rosalind Franklin').waitFor();

    const row = accountsTable(page).getByRole('row').filter({ hasText: 'Rosalind Franklin' });
    await row.waitFor();
    expect(await row.textContent()).toContain('Radiology');
    expect(await row.getByRole('combobox', { name: 'Role for Rosalind Franklin' }).inputValue()).toBe('doctor');
    await screenshot(page, 'admin-users');

    // The search box narrows the table (after a short pause in typing).
    await page.getByRole('searchbox', { name: 'Search' }).fill('rosalind');
    await expect.poll(() => accountsTable(page).getByRole('row').count()).toBe(2);

    await page.getByRole('link', { name: 'Audit log' }).click();
    const audit = page.getByRole('table', { name: 'Audit events, newest first' });
    const created = audit.getByRole('row').filter({ hasText: 'Created account' }).first();
    await created.waitFor();
    await created.getByText('Rosalind Franklin').waitFor();
    expect(await created.textContent()).toContain('Alan Admin');
    await expectNoA11yViolations(page, 'admin audit log');

    await seedConsultations();
    await page.getByRole('button', { name: 'Dismiss' }).click();
    await page.getByRole('link', { name: 'Statistics' }).click();
    const chart = page.getByRole('img', { name: /^Consultations per day\./ });
    await chart.waitFor();
    expect(await chart.locator('rect').count()).toBe(14);
    expect(await page.getByRole('table', { name: 'Consultations per day' }).getByRole('row').count()).toBe(15);
    expect(await page.getByRole('region', { name: 'Statistics' }).textContent()).toMatch(/Doctors\s*\d+/);
    expect(await chart.getAttribute('aria-label')).toMatch(/3 consultations from/);
    await expectNoA11yViolations(page, 'admin statistics');
    await screenshot(page, 'admin-stats');
  });

  it('changes a role and resets a password, each after a confirmation', async () => {
    const doctor = await harness.server.createUser('doctor', { name: 'Virginia Apgar' });
    const page = await signInAsAdmin();
    await page.getByRole('searchbox', { name: 'Search' }).fill('Virginia Apgar');
    await expect.poll(() => accountsTable(page).getByRole('row').count()).toBe(2);

    await page.getByRole('combobox', { name: 'Role for Virginia Apgar' }).selectOption('admin');
    const confirmRole = page.getByRole('dialog', { name: "Change Virginia Apgar's role?" });
    await expectNoA11yViolations(page, 'role dialog');
    await confirmRole.getByRole('button', { name: 'Make admin' }).click();
    await toast(page, 'Virginia Apgar is now an admin').waitFor();
    expect(await page.getByRole('combobox', { name: 'Role for Virginia Apgar' }).inputValue()).toBe('admin');

    await page.getByRole('button', { name: 'Reset password for Virginia Apgar' }).click();
    const reset = page.getByRole('dialog', { name: 'Reset password for Virginia Apgar' });
    await reset.getByLabel('New password').fill('short');
    await reset.getByRole('button', { name: 'Set new password' }).click();
    await reset.getByText('New password must be at least 8 characters').waitFor();
    await reset.getByLabel('New password').fill('a much longer password');
    await reset.getByRole('button', { name: 'Set new password' }).click();
    await toast(page, 'New password set for Virginia Apgar').waitFor();

    // The new password works, and the old one no longer does.
    await expect(harness.server.login(doctor.email, 'a much longer password')).resolves.toMatch(/^jwt=/);
  });

  it('pages through accounts with "Load more" and filters by role and status', async () => {
    for (let index = 0; index < 26; index += 1) await harness.server.createUser('patient', { name: `Paged Patient ${index}` });
    const page = await signInAsAdmin();
    await page.getByLabel('Role', { exact: true }).last().selectOption('patient');
    await expect.poll(() => accountsTable(page).getByRole('row').count()).toBe(26);
    await page.getByRole('button', { name: 'Load more' }).click();
    await expect.poll(() => accountsTable(page).getByRole('row').count()).toBeGreaterThan(26);

    await page.getByLabel('Status').selectOption('false');
    await page.getByText('No account matches.').waitFor();
  });
});
