import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../../test/test-server.js';
import { API_SECTIONS } from './catalog.js';
import { renderApiDocs } from './render-api-docs.js';

const backendSrc = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const repoRoot = path.resolve(backendSrc, '../..');
const catalog = API_SECTIONS.flatMap((section) => section.endpoints);
const normalise = (route: string) => route.replace(/:[A-Za-z]+/g, ':param').replace(/\/$/, '');

/** The routes the code mounts, read from app.ts and each module's routes file. */
function mountedRoutes(): string[] {
  const app = fs.readFileSync(path.join(backendSrc, 'app.ts'), 'utf8');
  const routes: string[] = [];
  for (const [, base, factory] of app.matchAll(/api\.use\('([^']+)', (\w+)\(/g)) {
    const file = fs
      .readdirSync(path.join(backendSrc, 'modules'), { recursive: true, encoding: 'utf8' })
      .map((name) => path.join(backendSrc, 'modules', name))
      .find((name) => name.endsWith('.routes.ts') && fs.readFileSync(name, 'utf8').includes(`export function ${factory}(`));
    if (!file) throw new Error(`no routes file exports ${factory}`);
    for (const [, method, route] of fs.readFileSync(file, 'utf8').matchAll(/\.(get|post|put|patch|delete)\(\s*'([^']*)'/g)) {
      routes.push(`${method!.toUpperCase()} ${normalise(`/api${base}${route}`)}`);
    }
  }
  return routes.sort();
}

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.stop();
});

describe('docs/api.md is the API as built', () => {
  it('is the generator output (run `npm run docs:api` after changing routes or schemas)', () => {
    expect(fs.readFileSync(path.join(repoRoot, 'docs/api.md'), 'utf8')).toBe(renderApiDocs());
  });

  it('lists exactly the routes the code mounts', () => {
    const documented = catalog.map((endpoint) => `${endpoint.method} ${normalise(endpoint.path)}`).sort();
    expect(documented).toEqual(mountedRoutes());
  });

  it.each(catalog.map((endpoint) => [`${endpoint.method} ${endpoint.path}`, endpoint] as const))(
    '%s answers',
    async (_name, endpoint) => {
      const url = endpoint.path.replace(/:[A-Za-z]+/g, '5f0000000000000000000000');
      const call = server.request[endpoint.method.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete'](url);
      const response = await call;
      expect(response.body?.error?.message).not.toBe('No such endpoint');
    },
  );
});
