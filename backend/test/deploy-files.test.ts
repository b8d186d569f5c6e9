import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ENVIRONMENT_VARIABLES } from '../src/config/config.js';
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
const vercel = JSON.parse(fs.readFileSync(path.join(repoRoot, 'vercel.json'), 'utf8')) as {
  buildCommand: string;
  outputDirectory: string;
  rewrites: { source: string; destination: string }[];
  headers: { source: string; headers: { key: string; value: string }[] }[];
};
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

  it('starts compiled JavaScript in production behind one proxy', () => {
    expect(api.startCommand).toMatch(/^node backend\/dist\/server\.js$/);
    expect(api.buildCommand).toContain('npm run build -w backend');
    const values = Object.fromEntries(api.envVars!.map((item) => [item.key, item.value]));
    expect(values['NODE_ENV']).toBe('production');
    expect(values['TRUST_PROXY']).toBe('true');
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

describe('vercel.json serves the frontend as a single-page app', () => {
  const apiOrigin = /VITE_API_ORIGIN:-([^}]+)\}/.exec(vercel.buildCommand)?.[1];
  const header = (source: string, key: string) =>
    vercel.headers.find((rule) => rule.source === source)?.headers.find((item) => item.key === key)?.value;

  it('builds the frontend with the API origin as one build-time variable', () => {
    expect(apiOrigin).toMatch(/^https:\/\//);
    expect(vercel.outputDirectory).toBe('frontend/dist');
    expect(fs.readFileSync(path.join(repoRoot, 'frontend/src/lib/config.ts'), 'utf8')).toContain('VITE_API_ORIGIN');
  });

  it('rewrites app paths to index.html but not hashed assets', () => {
    const rewrite = vercel.rewrites[0]!;
    expect(rewrite.destination).toBe('/index.html');
    expect(new RegExp(`^${rewrite.source}$`).test('/patient')).toBe(true);
    expect(new RegExp(`^${rewrite.source}$`).test('/assets/index-abc.js')).toBe(false);
  });

  it('allows fetch and WebSocket to our API origin only', () => {
    const csp = header('/(.*)', 'Content-Security-Policy')!;
    const connect = /connect-src ([^;]+)/.exec(csp)![1]!.split(' ');
    const wsOrigin = apiOrigin!.replace(/^https/, 'wss');
    expect(connect.sort()).toEqual(["'self'", apiOrigin!, wsOrigin].sort());
    expect(csp).toMatch(/script-src 'self' 'wasm-unsafe-eval';/);
    expect(csp).toContain("frame-ancestors 'none'");
  });

  it('caches hashed assets for a year', () => {
    expect(header('/assets/(.*)', 'Cache-Control')).toMatch(/max-age=31536000, immutable/);
  });
});
