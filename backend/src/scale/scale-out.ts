import { createAdapter } from '@socket.io/redis-adapter';
import type { Role } from '@telehealth/shared';
import type { Store } from 'express-rate-limit';
import { RedisStore, type RedisReply } from 'rate-limit-redis';
import type { Logger } from '../lib/logger.js';
import type { PresenceRegistry } from '../realtime/presence-registry.js';
import type { RealtimeServer } from '../realtime/types.js';
import { connectRedis, type RedisClient } from './redis.js';
import { createRedisPresence } from './redis-presence.js';

/**
 * What changes when `REDIS_URL` is set: Socket.IO events cross instances through the Redis
 * adapter, presence lives in Redis, and login rate limits count in Redis. Everything else (the
 * database, sessions, files) is already shared through the database.
 */
export interface ScaleOut {
  redis: RedisClient;
  presence: PresenceRegistry;
  rateLimitStore: (prefix: string) => Store;
  /** attaches the adapter to the server (call before it accepts connections) */
  attach(io: RealtimeServer): void;
  /** tells the presence sweep how to announce a user whose instance died */
  onUserGone(announce: (userId: string, role: Role) => void): void;
  close(): Promise<void>;
}

export async function createScaleOut(url: string, logger: Logger): Promise<ScaleOut> {
  const redis = await connectRedis(url, logger, 'careline');
  const publisher = await connectRedis(url, logger, 'careline-pub');
  const subscriber = await connectRedis(url, logger, 'careline-sub');
  let announce: (userId: string, role: Role) => void = () => undefined;
  const presence = createRedisPresence({ redis, logger, onUserGone: (userId, role) => announce(userId, role) });
  logger.info({ instance: presence.instanceId }, 'scale-out through Redis');
  return {
    redis,
    presence,
    rateLimitStore: (prefix) =>
      new RedisStore({
        prefix: `ratelimit:${prefix}`,
        sendCommand: (...args: string[]) => redis.sendCommand<RedisReply>(args),
      }),
    attach(io) {
      io.adapter(createAdapter(publisher, subscriber));
    },
    onUserGone(callback) {
      announce = callback;
    },
    async close() {
      await Promise.allSettled([redis.quit(), publisher.quit(), subscriber.quit()]);
    },
  };
}
