import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ENVIRONMENT_VARIABLES } from '../src/config/config.js';
import { productionApiOrigin, readVercelConfig, rewriteOf, sourcePattern } from '../../frontend/e2e/vercel-host.js';
import { startTestServer, type TestServer } from './test-server.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

interface RenderService {
  type: string;
  name: string;
  buildCommand?: string;
  startCommand?: string;
  healthCheckPath?: string;
  envVars?: { key: string; value?: string; sync?: boolean; generateValue?: boolean; fromService?: { name: string } }[];
}
const render = parse(fs.readFileSync(path.join(repoRoot, 'render.yaml'), 'utf8')) as { services: RenderService[] };
const vercel = readVercelConfig();
const api = render.services.find((service) => service.type === 'web')!;

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.stop();
});

describe('render.yaml deploys the API as the code expects', () => {
  it('declares every environment variable the backend reads', () => {
    const declared = new Set(api.envVars?.map((variable) => variable.key));
    expect(ENVIRONMENT_VARIABLES.filter((name) => !declared.has(name))).toEqual([]);
  });

  it('keeps secrets out of the file', () => {
    for (const secret of ['MONGODB_URI', 'JWT_SECRET', 'TURN_SECRET', 'ADMIN_PASSWORD']) {
      const variable = api.envVars!.find((item) => item.key === secret)!;
      expect(variable.value, secret).toBeUndefined();
      expect(variable.sync === false || variable.generateValue === true, secret).toBe(true);
    }
  });

  it('starts compiled JavaScript in production behind the two proxies', () => {
    expect(api.startCommand).toMatch(/^node backend\/dist\/server\.js$/);
    expect(api.buildCommand).toContain('npm run build -w backend');
    const values = Object.fromEntries(api.envVars!.map((item) => [item.key, item.value]));
    expect(values['NODE_ENV']).toBe('production');
    // Vercel's rewrite and Render's proxy: two hops of X-Forwarded-For are ours (docs/deploy.md).
    expect(values['TRUST_PROXY']).toBe('2');
    expect(values['SEED_DEMO']).toBe('false');
  });

  it('checks a health path that exists', async () => {
    const response = await server.request.get(api.healthCheckPath!);
    expect(response.status).toBe(200);
    expect(response.body.status).toBe('ok');
  });

  it('offers Redis for scale-out, wired to REDIS_URL', () => {
    const redis = render.services.find((service) => service.type === 'keyvalue');
    expect(redis).toBeDefined();
    expect(api.envVars!.find((item) => item.key === 'REDIS_URL')?.fromService?.name).toBe(redis!.name);
  });
});

describe('vercel.json serves the frontend and proxies the API, as the split-origin browser test runs it', () => {
  const apiOrigin = productionApiOrigin();
  const header = (source: string, key: string) =>
    vercel.headers.find((rule) => rule.source === source)?.headers.find((item) => item.key === key)?.value;

  it('uses only what the test host (frontend/e2e/vercel-host.ts) implements', () => {
    expect(Object.keys(vercel).sort()).toEqual([
      '$schema',
      'buildCommand',
      'framework',
      'headers',
      'installCommand',
      'outputDirectory',
      'rewrites',
    ]);
    for (const { source } of [...vercel.rewrites, ...vercel.headers]) expect(() => sourcePattern(source), source).not.toThrow();
  });

  it('builds one frontend for every deployment: no API origin baked in', () => {
    expect(vercel.outputDirectory).toBe('frontend/dist');
    expect(vercel.buildCommand).not.toMatch(/VITE_API_ORIGIN/);
  });

  it('proxies /api to the API render.yaml deploys, so the session cookie is first-party', () => {
    expect(rewriteOf(vercel, '/api/auth/login')).toBe(`${apiOrigin}/api/auth/login`);
    expect(rewriteOf(vercel, '/api/files/abc')).toBe(`${apiOrigin}/api/files/abc`);
    expect(api.envVars!.find((item) => item.key === 'SOCKET_ORIGIN')?.value).toBe(apiOrigin);
  });

  it('rewrites app paths to index.html but not hashed assets or the API', () => {
    expect(rewriteOf(vercel, '/patient')).toBe('/index.html');
    expect(rewriteOf(vercel, '/messages/abc')).toBe('/index.html');
    expect(rewriteOf(vercel, '/assets/index-abc.js')).toBeUndefined();
    expect(rewriteOf(vercel, '/models/gesture_recognizer.task')).toBeUndefined();
  });

  it('lets the page reach its own origin, and the API origin only for the socket', () => {
    const csp = header('/(.*)', 'Content-Security-Policy')!;
    const directive = (name: string) => new RegExp(`${name} ([^;]+)`).exec(csp)![1]!.split(' ');
    expect(directive('connect-src').sort()).toEqual(["'self'", apiOrigin, apiOrigin.replace(/^https/, 'wss')].sort());
    // images and files come through the proxy, from the page's own origin
    expect(directive('img-src')).toEqual(["'self'", 'data:', 'blob:']);
    expect(csp).toMatch(/script-src 'self' 'wasm-unsafe-eval';/);
    expect(csp).toContain("frame-ancestors 'none'");
  });

  it('caches hashed assets for a year', () => {
    expect(header('/assets/(.*)', 'Cache-Control')).toMatch(/max-age=31536000, immutable/);
  });
});
