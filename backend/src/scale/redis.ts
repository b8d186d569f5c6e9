import { createClient } from 'redis';
import type { Logger } from '../lib/logger.js';

export type RedisClient = ReturnType<typeof createClient>;

/** Connects a Redis client that reconnects by itself and logs (never throws) connection errors. */
export async function connectRedis(url: string, logger: Logger, name: string): Promise<RedisClient> {
  const client = createClient({ url, name, socket: { reconnectStrategy: (retries) => Math.min(retries * 200, 2_000) } });
  client.on('error', (error: unknown) => logger.warn({ err: error, client: name }, 'redis error'));
  await client.connect();
  return client;
}
