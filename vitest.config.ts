import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const sharedSource = fileURLToPath(new URL('./shared/src/index.ts', import.meta.url));
// Tests read the contract from source, so a change to shared/ needs no rebuild to be tested.
const resolve = { alias: { '@telehealth/shared': sharedSource } };

export default defineConfig({
  test: {
    projects: [
      {
        resolve,
        test: { name: 'shared', include: ['shared/src/**/*.test.ts'], environment: 'node' },
      },
      {
        resolve,
        test: {
          name: 'backend',
          include: ['backend/src/**/*.test.ts', 'backend/test/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['backend/test/global-setup.ts'],
          // Each file in its own process: mongoose's connection and models are process-wide.
          pool: 'forks',
          isolate: true,
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
      {
        resolve,
        test: { name: 'frontend', include: ['frontend/src/**/*.test.{ts,tsx}'], environment: 'node' },
      },
      {
        resolve,
        test: {
          name: 'browser',
          include: ['frontend/e2e/**/*.e2e.test.ts'],
          environment: 'node',
          globalSetup: ['backend/test/global-setup.ts'],
          pool: 'forks',
          isolate: true,
          // Chromium instances are heavy on two cores: one browser file at a time.
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 90_000,
        },
      },
    ],
  },
});
