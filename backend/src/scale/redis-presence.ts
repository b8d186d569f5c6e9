import { randomUUID } from 'node:crypto';
import { ROLES, type Role } from '@telehealth/shared';
import type { Logger } from '../lib/logger.js';
import type { PresenceRegistry } from '../realtime/presence-registry.js';
import type { RedisClient } from './redis.js';

export interface RedisPresenceOptions {
  redis: RedisClient;
  logger: Logger;
  /** called when a crashed instance's last socket of a user is swept away */
  onUserGone: (userId: string, role: Role) => void;
  /** how long an instance counts as alive without a heartbeat */
  instanceTtlMs?: number;
  heartbeatMs?: number;
}

const keys = {
  userSockets: (userId: string) => `presence:user:${userId}`,
  roles: 'presence:roles',
  instances: 'presence:instances',
  alive: (instanceId: string) => `presence:alive:${instanceId}`,
  instanceSockets: (instanceId: string) => `presence:instance:${instanceId}`,
  sweepLock: 'presence:sweep-lock',
};

/** Takes one socket out of presence; true when it was the user's last (their role is forgotten then). */
async function removeMember(redis: RedisClient, userId: string, socketMember: string, ownerInstance: string): Promise<boolean> {
  const [removed, remaining] = (await redis
    .multi()
    .sRem(keys.userSockets(userId), socketMember)
    .sCard(keys.userSockets(userId))
    .sRem(keys.instanceSockets(ownerInstance), `${userId}|${socketMember}`)
    .exec()) as unknown as [number, number, number];
  const last = removed === 1 && remaining === 0;
  if (last) await redis.hDel(keys.roles, userId);
  return last;
}

/**
 * Takes every socket an instance recorded out of presence, then the instance itself; returns how
 * many sockets it had. `onUserGone` hears each user whose last socket that was.
 */
async function dropInstance(
  redis: RedisClient,
  instance: string,
  onUserGone?: (userId: string, role: Role) => void,
): Promise<number> {
  const entries = await redis.sMembers(keys.instanceSockets(instance));
  for (const entry of entries) {
    const [userId, ownerInstance, socketId] = entry.split('|') as [string, string, string];
    // Read first: removing the last socket forgets the role.
    const role = onUserGone ? ((await redis.hGet(keys.roles, userId)) as Role | null) : null;
    if (await removeMember(redis, userId, `${ownerInstance}|${socketId}`, instance)) onUserGone?.(userId, role ?? 'patient');
  }
  await redis.multi().del(keys.instanceSockets(instance)).del(keys.alive(instance)).sRem(keys.instances, instance).exec();
  return entries.length;
}

/** Removes the sockets of instances whose heartbeat has expired (one instance sweeps at a time). */
async function sweepDeadInstances(options: RedisPresenceOptions, instanceId: string): Promise<void> {
  const { redis, logger } = options;
  const locked = await redis.set(keys.sweepLock, instanceId, { NX: true, PX: 5_000 });
  if (locked === null) return;
  const instances = await redis.sMembers(keys.instances);
  for (const other of instances) {
    if (other === instanceId || (await redis.exists(keys.alive(other))) === 1) continue;
    const sockets = await dropInstance(redis, other, options.onUserGone);
    logger.warn({ instance: other, sockets }, 'swept a dead instance from presence');
  }
}

/** Renews this instance's heartbeat now and every `heartbeatMs`, sweeping dead instances after each beat. */
function startHeartbeat(options: RedisPresenceOptions, instanceId: string): NodeJS.Timeout {
  const { redis, logger } = options;
  const ttl = options.instanceTtlMs ?? 10_000;
  const heartbeat = async () => {
    await redis.multi().sAdd(keys.instances, instanceId).set(keys.alive(instanceId), '1', { PX: ttl }).exec();
  };
  const failed = (error: unknown) => logger.warn({ err: error }, 'presence heartbeat failed');
  const timer = setInterval(() => {
    heartbeat()
      .then(() => sweepDeadInstances(options, instanceId))
      .catch(failed);
  }, options.heartbeatMs ?? 3_000);
  timer.unref();
  void heartbeat().catch(failed);
  return timer;
}

/**
 * Who is online, shared by every instance through Redis. Each instance records its sockets under
 * its own id and renews a heartbeat key; when an instance dies its heartbeat expires, and the
 * next sweep on any live instance removes its sockets and announces the users who are now offline.
 * So a crashed instance's users drop out of presence within `instanceTtlMs` + `heartbeatMs`.
 */
export function createRedisPresence(options: RedisPresenceOptions): PresenceRegistry & { instanceId: string } {
  const { redis } = options;
  const instanceId = randomUUID();
  const member = (socketId: string) => `${instanceId}|${socketId}`;
  const timer = startHeartbeat(options, instanceId);

  return {
    instanceId,
    async add(userId, role, socketId) {
      const [, count] = (await redis
        .multi()
        .sAdd(keys.userSockets(userId), member(socketId))
        .sCard(keys.userSockets(userId))
        .sAdd(keys.instanceSockets(instanceId), `${userId}|${member(socketId)}`)
        .hSet(keys.roles, userId, role)
        .exec()) as unknown as [number, number];
      return { first: count === 1 };
    },
    async remove(userId, socketId) {
      return { last: await removeMember(redis, userId, member(socketId), instanceId) };
    },
    async isOnline(userId) {
      return (await redis.sCard(keys.userSockets(userId))) > 0;
    },
    async online(only) {
      const roles = await redis.hGetAll(keys.roles);
      return new Map(
        Object.entries(roles).filter(([, role]) => (only ? role === only : (ROLES as readonly string[]).includes(role))) as [
          string,
          Role,
        ][],
      );
    },
    async close() {
      clearInterval(timer);
      // A clean shutdown removes its own sockets at once instead of waiting for the sweep.
      await dropInstance(redis, instanceId);
    },
  };
}
