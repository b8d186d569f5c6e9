/// <reference types="node" />
// Every role's main screens as people meet them — desktop and phone, light and dark — checked
// with axe and saved as the screenshots the README shows (docs/screenshots/gallery-*.png).
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, it } from 'vitest';
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

const DEVICES = { desktop: { width: 1280, height: 800 }, phone: { width: 390, height: 844 } } as const;
type Device = keyof typeof DEVICES;
const THEMES = ['light', 'dark'] as const;

async function open(user: TestUser | null, device: Device, theme: (typeof THEMES)[number], pathname: string): Promise<Page> {
  const { context, page } = await harness.newPage({ colorScheme: theme });
  await page.setViewportSize(DEVICES[device]);
  if (user) await context.addCookies([{ name: 'jwt', value: user.cookie.slice('jwt='.length), url: harness.baseUrl }]);
  await page.goto(pathname);
  return page;
}

/** The signed-in frame is up and live: the page shown is the app's, not its loading screen. */
const connected = (page: Page) => page.getByRole('status').filter({ hasText: 'Connected' }).waitFor();

async function capture(page: Page, name: string): Promise<void> {
  await expectNoA11yViolations(page, name);
  await screenshot(page, `gallery-${name}`);
  await page.context().close();
}

describe('the gallery', () => {
  for (const device of Object.keys(DEVICES) as Device[]) {
    for (const theme of THEMES) {
      it(`every role's screens (${device}, ${theme})`, async () => {
        const { patient, doctor } = await consultedPair(harness.server, { patient: 'Ada Lovelace', doctor: 'Dr. Grace Hopper' });
        await sendText(harness.server, doctor, patient, 'Good morning Ada. How is the cough since we spoke?');
        await sendText(harness.server, patient, doctor, 'Better at night, still there in the morning.');
        await sendText(
          harness.server,
          doctor,
          patient,
          'Keep the inhaler twice a day this week and tell me on Friday how it goes.',
        );
        const waiting = await harness.server.createUser('patient', { name: 'Alan Turing' });
        const asked = await harness.server.request
          .post('/api/consultations')
          .set('Cookie', waiting.cookie)
          .send({ reason: 'Headache and a light fever since Sunday', urgency: 'urgent', doctorId: doctor.id });
        if (asked.status !== 201) throw new Error(`request failed: ${asked.status}`);
        const admin = await harness.server.createUser('admin', { name: 'Clinic Admin' });
        const suffix = `${device}-${theme}`;

        const login = await open(null, device, theme, '/login');
        await login.getByRole('heading', { name: 'Sign in' }).waitFor();
        await capture(login, `login-${suffix}`);

        const waitingRoom = await open(waiting, device, theme, '/patient');
        await waitingRoom
          .getByText(/in the queue|waiting/i)
          .first()
          .waitFor();
        await connected(waitingRoom);
        await capture(waitingRoom, `patient-waiting-${suffix}`);

        const queue = await open(doctor, device, theme, '/doctor');
        await queue.getByText('Alan Turing').first().waitFor();
        await connected(queue);
        await capture(queue, `doctor-queue-${suffix}`);

        const thread = await open(patient, device, theme, `/messages/${doctor.id}`);
        await thread.getByRole('log').getByText('tell me on Friday', { exact: false }).waitFor();
        await connected(thread);
        await capture(thread, `patient-thread-${suffix}`);

        const profile = await open(doctor, device, theme, '/profile');
        await profile.getByRole('heading', { name: 'Your profile' }).waitFor();
        await connected(profile);
        await capture(profile, `doctor-profile-${suffix}`);

        const accounts = await open(admin, device, theme, '/admin');
        await accounts.getByRole('heading', { name: 'Accounts' }).first().waitFor();
        await accounts.getByText('Alan Turing').first().waitFor();
        await connected(accounts);
        await capture(accounts, `admin-accounts-${suffix}`);
      }, 120_000);
    }
  }
});
