/// <reference types="node" />
// The frontend host of the split deployment, as vercel.json describes it, for the browser tests:
// the built app from `outputDirectory`, the `headers` rules, and the `rewrites` in order, an
// external destination proxied to the API. Vercel itself cannot run here; this reads the very
// file Vercel reads, so the test exercises what is deployed (deploy-files.test.ts checks that this
// host understands every rule in it).
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

export interface VercelConfig {
  buildCommand: string;
  outputDirectory: string;
  rewrites: { source: string; destination: string }[];
  headers: { source: string; headers: { key: string; value: string }[] }[];
}

export function readVercelConfig(): VercelConfig {
  return JSON.parse(fs.readFileSync(path.join(repoRoot, 'vercel.json'), 'utf8')) as VercelConfig;
}

/**
 * A Vercel source pattern as a RegExp: `:name*` is any rest of the path, `:name` one segment, and
 * `(...)` groups are regular expressions (the two forms vercel.json uses; path-to-regexp's own
 * syntax changed across major versions, so the few lines are written here).
 */
export function sourcePattern(source: string): RegExp {
  const body = source.replace(/:(\w+)\*/g, '(?<$1>.*)').replace(/:(\w+)(?![\w*])/g, '(?<$1>[^/]+)');
  return new RegExp(`^${body}$`);
}

/** Where a rewrite sends `pathname`, with `:name` and `$1` filled in; undefined when none matches. */
export function rewriteOf(config: VercelConfig, pathname: string): string | undefined {
  for (const { source, destination } of config.rewrites) {
    const match = sourcePattern(source).exec(pathname);
    if (!match) continue;
    return destination
      .replace(/:(\w+)\*?/g, (_all, name: string) => match.groups?.[name] ?? '')
      .replace(/\$(\d)/g, (_all, index: string) => match[Number(index)] ?? '');
  }
  return undefined;
}

/** The API's public origin as render.yaml deploys it (its SOCKET_ORIGIN): what vercel.json must name. */
export function productionApiOrigin(): string {
  const render = parse(fs.readFileSync(path.join(repoRoot, 'render.yaml'), 'utf8')) as {
    services: { type: string; envVars?: { key: string; value?: string }[] }[];
  };
  const web = render.services.find((service) => service.type === 'web');
  const origin = web?.envVars?.find((variable) => variable.key === 'SOCKET_ORIGIN')?.value;
  if (!origin) throw new Error('render.yaml names no SOCKET_ORIGIN for the web service');
  return origin;
}

export interface VercelHost {
  url: string;
  close(): Promise<void>;
}

/**
 * Serves the app like Vercel at http://localhost:<port>. `apiOrigin` stands in for the production
 * API origin (render.yaml's SOCKET_ORIGIN) wherever vercel.json names it: rewrites and the CSP. `upgrade-insecure-requests` is dropped,
 * since this host speaks plain HTTP and the directive would send every request to https.
 */
export async function startVercelHost(options: { apiOrigin: string }): Promise<VercelHost> {
  const config = readVercelConfig();
  const production = productionApiOrigin();
  const outputDir = path.join(repoRoot, config.outputDirectory);
  const localize = (value: string) =>
    value
      .replaceAll(production, options.apiOrigin)
      .replaceAll(production.replace(/^https/, 'wss'), options.apiOrigin.replace(/^http/, 'ws'))
      .replace(/;\s*upgrade-insecure-requests/, '');

  const server = http.createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    for (const rule of config.headers)
      if (sourcePattern(rule.source).test(url.pathname))
        for (const { key, value } of rule.headers) response.setHeader(key, localize(value));

    // Vercel serves a file that exists before it looks at rewrites.
    const file = path.join(outputDir, path.normalize(url.pathname));
    if (file.startsWith(outputDir) && url.pathname !== '/' && fs.existsSync(file) && fs.statSync(file).isFile())
      return sendFile(response, file);
    const destination = rewriteOf(config, url.pathname);
    if (destination === undefined) return void response.writeHead(404).end();
    if (/^https?:\/\//.test(destination)) return proxy(request, response, new URL(localize(destination) + url.search));
    sendFile(response, path.join(outputDir, destination));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    // localhost, not 127.0.0.1: the API is on 127.0.0.1, and the two are different sites.
    url: `http://localhost:${port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
};

function sendFile(response: http.ServerResponse, file: string): void {
  response.setHeader('Content-Type', TYPES[path.extname(file)] ?? 'application/octet-stream');
  fs.createReadStream(file).pipe(response);
}

/** An external rewrite: the request as it came (method, headers, streamed body) to the API, the answer streamed back. */
function proxy(request: http.IncomingMessage, response: http.ServerResponse, target: URL): void {
  const forwardedFor = [request.headers['x-forwarded-for'], request.socket.remoteAddress].filter(Boolean).join(', ');
  const upstream = http.request(target, {
    method: request.method,
    headers: { ...request.headers, host: target.host, 'x-forwarded-for': forwardedFor },
  });
  upstream.on('response', (answer) => {
    response.writeHead(answer.statusCode ?? 502, answer.headers);
    answer.pipe(response);
  });
  upstream.on('error', () => {
    if (!response.headersSent) response.writeHead(502);
    response.end();
  });
  request.pipe(upstream);
}
