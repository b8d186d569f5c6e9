/// <reference types="node" />
// The harness runs in Node (vitest), driving a real Chromium against the real backend.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { freePort } from '../../backend/test/child-backend.js';
import { startTestServer, type TestServer } from '../../backend/test/test-server.js';

declare module 'vitest' {
  // Provided by backend/test/global-setup.ts (the "browser" project's globalSetup).
  export interface ProvidedContext {
    mongoUri: string;
    mongoKind: string;
  }
}

const defaultFrontendDir = fileURLToPath(new URL('../dist', import.meta.url));
const screenshotDir = fileURLToPath(new URL('../../docs/screenshots', import.meta.url));

export const CHROMIUM_PATH = '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
  '--use-fake-device-for-media-stream',
  '--use-fake-ui-for-media-stream',
];

export interface Harness {
  /** http://127.0.0.1:<port>: the backend serving the built app and the API on one origin */
  baseUrl: string;
  server: TestServer;
  browser: Browser;
  /** A fresh browser context (its own cookies and storage: another person) and a page in it. */
  newPage(options?: { colorScheme?: 'light' | 'dark' }): Promise<{ context: BrowserContext; page: Page }>;
  close(): Promise<void>;
}

/**
 * Starts the backend (serving frontend/dist) and Chromium. The port is chosen first because the
 * backend checks the browser's Origin on every POST and socket handshake: it must know its own.
 */
export async function startHarness(env: Record<string, string> = {}, options: { frontendDir?: string } = {}): Promise<Harness> {
  const frontendDir = options.frontendDir ?? defaultFrontendDir;
  if (!fs.existsSync(path.join(frontendDir, 'index.html'))) {
    throw new Error(
      `frontend/dist/index.html is missing: run npm run build (or npm run build -w frontend) before the browser tests`,
    );
  }
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const server = await startTestServer({ PORT: String(port), CORS_ORIGINS: baseUrl, ...env }, { frontendDir });
  let browser: Browser;
  try {
    browser = await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS, headless: true });
  } catch (error) {
    await server.stop();
    throw error;
  }
  const contexts: BrowserContext[] = [];

  return {
    baseUrl,
    server,
    browser,
    async newPage(options = {}) {
      const context = await browser.newContext({ baseURL: baseUrl, colorScheme: options.colorScheme ?? 'light' });
      contexts.push(context);
      const page = await context.newPage();
      return { context, page };
    },
    async close() {
      for (const context of contexts) await context.close().catch(() => undefined);
      await browser.close();
      await server.stop();
    },
  };
}

const axeSource = fs.readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown[]; failureSummary?: string }[];
}

/** Runs axe on the page as it is now and fails on any serious or critical violation, listing them. */
export async function expectNoA11yViolations(page: Page, label = page.url()): Promise<void> {
  // Evaluated through the DevTools protocol rather than as a <script> tag: the app's Content
  // Security Policy rightly blocks inline scripts, and the tests keep that policy on.
  const hasAxe = await page.evaluate(() => 'axe' in window);
  if (!hasAxe) await page.evaluate(axeSource);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: Document): Promise<{ violations: AxeViolation[] }> } }).axe;
    const result = await axe.run(document);
    return result.violations.map(({ id, impact, help, nodes }) => ({
      id,
      impact,
      help,
      nodes: nodes.map(({ target, failureSummary }) => ({ target, failureSummary })),
    }));
  });
  const blocking = violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
  if (blocking.length > 0) {
    const report = blocking
      .map(
        (violation) =>
          `- [${violation.impact}] ${violation.id}: ${violation.help}\n${violation.nodes.map((node) => `    ${JSON.stringify(node.target)} ${node.failureSummary ?? ''}`).join('\n')}`,
      )
      .join('\n');
    throw new Error(`accessibility violations on ${label}:\n${report}`);
  }
}

/** Saves a full-page screenshot to docs/screenshots/<name>.png (the README shows them). */
export async function screenshot(page: Page, name: string): Promise<void> {
  fs.mkdirSync(screenshotDir, { recursive: true });
  await page.screenshot({ path: path.join(screenshotDir, `${name}.png`), fullPage: true, animations: 'disabled' });
}
