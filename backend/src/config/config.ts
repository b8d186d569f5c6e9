import { FOLLOW_UP_DAYS } from '@telehealth/shared';
import { z } from 'zod';

const booleanFlag = z.enum(['true', 'false', '1', '0']).transform((value) => value === 'true' || value === '1');
const commaList = z.string().transform((value) =>
  value
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean),
);
const positiveInt = z.coerce.number().int().positive();

const DEFAULT_STUN = 'stun:stun.l.google.com:19302,stun:stun1.l.google.com:19302';

const environmentSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  MONGODB_URI: z.string().startsWith('mongodb').optional(),
  DATA_DIR: z.string().default('.data'),
  JWT_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  CORS_ORIGINS: commaList.optional(),
  ADMIN_EMAIL: z.email().optional(),
  ADMIN_PASSWORD: z.string().min(8).optional(),
  SEED_DEMO: booleanFlag.optional(),
  LOGIN_MAX_ATTEMPTS: positiveInt.default(10),
  LOGIN_WINDOW_MINUTES: positiveInt.default(15),
  LOGIN_MAX_ATTEMPTS_PER_IP: positiveInt.default(100),
  SIGNUP_MAX_PER_IP_PER_HOUR: positiveInt.default(60),
  SIGNUP_MAX_PER_MINUTE: positiveInt.default(60),
  SESSION_IDLE_MINUTES: positiveInt.default(30),
  SESSION_MAX_HOURS: positiveInt.default(12),
  MAX_UPLOAD_MB: z.coerce.number().positive().max(100).default(10),
  MESSAGE_BURST: positiveInt.default(120),
  MESSAGES_PER_MINUTE: positiveInt.default(60),
  UPLOADS_PER_USER: positiveInt.default(2),
  UPLOADS_PER_INSTANCE: positiveInt.default(20),
  UPLOAD_IDLE_SECONDS: positiveInt.default(15),
  UPLOAD_TOTAL_SECONDS: positiveInt.default(120),
  CALL_RING_SECONDS: positiveInt.default(30),
  FOLLOW_UP_DAYS: positiveInt.default(FOLLOW_UP_DAYS),
  STUN_URLS: commaList.optional(),
  TURN_URLS: commaList.optional(),
  TURN_SECRET: z.string().min(16).optional(),
  REDIS_URL: z.string().startsWith('redis').optional(),
  // `true` is one hop (the API behind Render's proxy); a number counts the hops (2 with the
  // frontend host proxying /api in front of that). Off by default: never trust a header blindly.
  TRUST_PROXY: z
    .union([booleanFlag, z.coerce.number().int().min(0).max(5)])
    .transform((value) => (value === true ? 1 : value === false ? 0 : value))
    .optional(),
  SOCKET_ORIGIN: z
    .url()
    .refine((value) => new URL(value).origin === value, 'must be an origin like https://api.example.com, without a path')
    .optional(),
  GESTURE_MODEL_URL: z.string().default('/models/gesture_recognizer.task'),
  BCRYPT_ROUNDS: z.coerce.number().int().min(4).max(15).default(10),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** json (default in production) or pretty: one readable line per entry (default otherwise) */
  LOG_FORMAT: z.enum(['json', 'pretty']).optional(),
  SERVE_FRONTEND: booleanFlag.optional(),
});

export type Environment = z.infer<typeof environmentSchema>;

/** Every environment variable the backend reads (the deploy files are checked against this list). */
export const ENVIRONMENT_VARIABLES = Object.keys(environmentSchema.shape) as (keyof Environment)[];

/** The configuration every part of the backend reads: parsed once, at start. */
export interface Config {
  env: Environment['NODE_ENV'];
  isProduction: boolean;
  port: number;
  host: string;
  mongodbUri: string | undefined;
  dataDir: string;
  jwtSecret: string;
  corsOrigins: string[];
  adminEmail: string | undefined;
  adminPassword: string | undefined;
  seedDemo: boolean;
  loginMaxAttempts: number;
  loginWindowMs: number;
  /** failed logins one address may make from browsers no account signed in on before */
  loginMaxAttemptsPerIp: number;
  signupMaxPerIpPerHour: number;
  signupMaxPerMinute: number;
  sessionIdleMs: number;
  sessionMaxMs: number;
  maxUploadBytes: number;
  /** uploads one user, and this whole process, may have running at once */
  /** messages one user may send at once (an outbox flushing), then `messagesPerMinute` sustained */
  messageBurst: number;
  messagesPerMinute: number;
  uploadsPerUser: number;
  uploadsPerInstance: number;
  /** an upload is cut off after this long without a byte, or this long in all */
  uploadIdleMs: number;
  uploadTotalMs: number;
  callRingMs: number;
  /** days after a consultation's completion during which its patient may still write (shared/src/policies/follow-up.ts) */
  followUpDays: number;
  stunUrls: string[];
  turnUrls: string[];
  turnSecret: string | undefined;
  redisUrl: string | undefined;
  /** proxy hops in front of the app whose X-Forwarded-For is trusted (0: none) */
  trustProxy: number;
  /** where browsers open the socket when it is not the page's origin (the split deployment) */
  socketOrigin: string | undefined;
  gestureModelUrl: string;
  bcryptRounds: number;
  logLevel: Environment['LOG_LEVEL'];
  logFormat: 'json' | 'pretty';
  serveFrontend: boolean;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Parses the environment; throws a ConfigError naming every bad variable. */
export function loadConfig(source: NodeJS.ProcessEnv = process.env): Config {
  const parsed = environmentSchema.safeParse(source);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n  ${problems.join('\n  ')}`);
  }
  const env = parsed.data;
  const isProduction = env.NODE_ENV === 'production';
  if (isProduction && !env.JWT_SECRET) throw new ConfigError('Invalid configuration:\n  JWT_SECRET: required in production');
  if (env.TURN_URLS && !env.TURN_SECRET)
    throw new ConfigError('Invalid configuration:\n  TURN_SECRET: required when TURN_URLS is set');
  const ownOrigins = [`http://localhost:${env.PORT}`, `http://127.0.0.1:${env.PORT}`];
  return {
    env: env.NODE_ENV,
    isProduction,
    port: env.PORT,
    host: env.HOST,
    mongodbUri: env.MONGODB_URI,
    dataDir: env.DATA_DIR,
    // A random secret in development means restarts sign everyone out, which is what a dev expects.
    jwtSecret: env.JWT_SECRET ?? randomSecret(),
    corsOrigins: env.CORS_ORIGINS ?? ownOrigins,
    adminEmail: env.ADMIN_EMAIL,
    adminPassword: env.ADMIN_PASSWORD,
    seedDemo: env.SEED_DEMO ?? !isProduction,
    loginMaxAttempts: env.LOGIN_MAX_ATTEMPTS,
    loginWindowMs: env.LOGIN_WINDOW_MINUTES * 60_000,
    loginMaxAttemptsPerIp: env.LOGIN_MAX_ATTEMPTS_PER_IP,
    signupMaxPerIpPerHour: env.SIGNUP_MAX_PER_IP_PER_HOUR,
    signupMaxPerMinute: env.SIGNUP_MAX_PER_MINUTE,
    sessionIdleMs: env.SESSION_IDLE_MINUTES * 60_000,
    sessionMaxMs: env.SESSION_MAX_HOURS * 3_600_000,
    maxUploadBytes: Math.floor(env.MAX_UPLOAD_MB * 1024 * 1024),
    messageBurst: env.MESSAGE_BURST,
    messagesPerMinute: env.MESSAGES_PER_MINUTE,
    uploadsPerUser: env.UPLOADS_PER_USER,
    uploadsPerInstance: env.UPLOADS_PER_INSTANCE,
    uploadIdleMs: env.UPLOAD_IDLE_SECONDS * 1000,
    uploadTotalMs: env.UPLOAD_TOTAL_SECONDS * 1000,
    callRingMs: env.CALL_RING_SECONDS * 1000,
    followUpDays: env.FOLLOW_UP_DAYS,
    stunUrls: env.STUN_URLS ?? DEFAULT_STUN.split(','),
    turnUrls: env.TURN_URLS ?? [],
    turnSecret: env.TURN_SECRET,
    redisUrl: env.REDIS_URL,
    trustProxy: env.TRUST_PROXY ?? 0,
    socketOrigin: env.SOCKET_ORIGIN,
    gestureModelUrl: env.GESTURE_MODEL_URL,
    bcryptRounds: env.BCRYPT_ROUNDS,
    logLevel: env.LOG_LEVEL,
    logFormat: env.LOG_FORMAT ?? (isProduction ? 'json' : 'pretty'),
    serveFrontend: env.SERVE_FRONTEND ?? true,
  };
}

function randomSecret(): string {
  const bytes = new Uint8Array(48);
  crypto.getRandomValues(bytes);
  return Buffer.from(bytes).toString('base64url');
}
