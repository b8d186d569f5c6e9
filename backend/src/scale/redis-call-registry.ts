import type { CallRegistry, LiveCall, LiveCallState } from '../modules/calls/index.js';
import type { RedisClient } from './redis.js';

/** A live call outlives no real consultation by this much; a crashed instance's calls expire with it. */
const CALL_TTL_SECONDS = 6 * 60 * 60;

const key = {
  call: (callId: string) => `call:${callId}`,
  user: (userId: string) => `call:user:${userId}`,
};

// Check-and-insert in one step, so two instances cannot both start a call with the same person.
const TRY_START = `
if redis.call('EXISTS', KEYS[1]) == 1 then return 'duplicate-id' end
if redis.call('EXISTS', KEYS[2]) == 1 or redis.call('EXISTS', KEYS[3]) == 1 then return 'busy' end
redis.call('SET', KEYS[1], ARGV[1], 'EX', ARGV[3])
redis.call('SET', KEYS[2], ARGV[2], 'EX', ARGV[3])
redis.call('SET', KEYS[3], ARGV[2], 'EX', ARGV[3])
return 'started'`;

// Ringing → active for exactly one answering tab, wherever it is connected.
const MARK_ANSWERED = `
local raw = redis.call('GET', KEYS[1])
if not raw then return nil end
local call = cjson.decode(raw)
if call.state ~= 'ringing' then return nil end
call.state = 'active'
call.calleeSocketId = ARGV[1]
call.answeredAt = tonumber(ARGV[2])
local encoded = cjson.encode(call)
redis.call('SET', KEYS[1], encoded, 'KEEPTTL')
return encoded`;

// Removes the call (optionally only in a given state) and both users' pointers to it, once.
const REMOVE = `
local raw = redis.call('GET', KEYS[1])
if not raw then return nil end
local call = cjson.decode(raw)
if ARGV[1] ~= '' and call.state ~= ARGV[1] then return nil end
redis.call('DEL', KEYS[1])
if redis.call('GET', 'call:user:' .. call.callerId) == call.callId then redis.call('DEL', 'call:user:' .. call.callerId) end
if redis.call('GET', 'call:user:' .. call.calleeId) == call.callId then redis.call('DEL', 'call:user:' .. call.calleeId) end
return raw`;

function decode(raw: unknown): LiveCall | undefined {
  if (typeof raw !== 'string') return undefined;
  const call = JSON.parse(raw) as LiveCall;
  // cjson turns a JSON null into a sentinel that encodes back as null; nothing else to repair.
  return call;
}

/**
 * Live calls in Redis, so "busy", answering on another tab, and ICE relay work whichever instance
 * each party is connected to. Relays go to socket ids, which the Socket.IO Redis adapter delivers
 * on any instance.
 */
export function createRedisCallRegistry(redis: RedisClient): CallRegistry {
  return {
    async tryStart(call) {
      const result = await redis.eval(TRY_START, {
        keys: [key.call(call.callId), key.user(call.callerId), key.user(call.calleeId)],
        arguments: [JSON.stringify(call), call.callId, String(CALL_TTL_SECONDS)],
      });
      return result === 'started' ? { started: true } : { started: false, reason: result === 'busy' ? 'busy' : 'duplicate-id' };
    },
    async get(callId) {
      return decode(await redis.get(key.call(callId)));
    },
    async callOf(userId) {
      const callId = await redis.get(key.user(userId));
      return callId ? decode(await redis.get(key.call(callId))) : undefined;
    },
    async markAnswered(callId, calleeSocketId, answeredAt) {
      return decode(
        await redis.eval(MARK_ANSWERED, { keys: [key.call(callId)], arguments: [calleeSocketId, String(answeredAt)] }),
      );
    },
    async remove(callId, onlyIf?: LiveCallState) {
      return decode(await redis.eval(REMOVE, { keys: [key.call(callId)], arguments: [onlyIf ?? ''] }));
    },
    async close() {
      // Calls outlive an instance: the other instances (and the TTL) own them.
    },
  };
}
