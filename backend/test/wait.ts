import type http from 'node:http';
import { expect, vi } from 'vitest';
import type { Logger } from '../src/lib/logger.js';

/**
 * A pause between retries, as a client backs off. Not a way to wait for something to happen:
 * wait on the event, or poll the condition with `expect.poll` / `vi.waitFor`.
 */
export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Resolves once the server has begun reading the body of its next request to `path`: a body
 * parser (multer for a multipart upload) has been piped to it, which resumes the request stream.
 */
export function bodyBeingRead(httpServer: http.Server, path: string): Promise<void> {
  return new Promise((resolve) => {
    const onRequest = (req: http.IncomingMessage & { originalUrl?: string }) => {
      // Express, listening first, has already begun rewriting `url` for its routers.
      if ((req.originalUrl ?? req.url) !== path) return;
      httpServer.off('request', onRequest);
      req.once('resume', () => resolve());
    };
    httpServer.on('request', onRequest);
  });
}

/**
 * Watches the server's logger from now on. The returned function resolves once `message` was
 * logged at info for a request to `path`: the error handler's line for a request the client gave
 * up on is the last thing the server does with it, so "nothing was stored" can be read after it.
 * The spy calls through: the server logs as ever.
 */
export function watchInfoLog(logger: Logger, message: string, path: string): (timeout?: number) => Promise<void> {
  const info = vi.spyOn(logger, 'info');
  const logged = () =>
    info.mock.calls.some((call) => {
      const [where, text] = call as unknown[];
      return text === message && (where as { path?: string } | undefined)?.path === path;
    });
  return async (timeout = 5_000) => {
    try {
      await expect.poll(logged, { timeout }).toBe(true);
    } finally {
      info.mockRestore();
    }
  };
}
