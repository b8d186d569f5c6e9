import { z } from 'zod';

const booleanFlag = z.enum(['true', 'false', '1', '0']).transform((value) => value === 'true' || value === '1');
const commaList = z
  .string()
  .transform((value) => value.split(',').map((item) => item.trim()).filter(Boolean));
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
  SESSION_IDLE_MINUTES: positiveInt.default(30),
  SESSION_MAX_HOURS: positiveInt.default(12),
  MAX_UPLOAD_MB: z.coerce.number().positive().max(100).default(10),
  CALL_RING_SECONDS: positiveInt.default(30),
  STUN_URLS: commaList.optional(),
  TURN_URLS: commaList.optional(),
  TURN_SECRET: z.string().min(16).optional(),
  REDIS_URL: z.string().startsWith('redis').optional(),
  TRUST_PROXY: booleanFlag.optional(),
  GESTURE_MODEL_URL: z.string().default('/models/gesture_recognizer.task'),
  BCRYPT_ROUNDS: z.coerce.number().int().min(4).max(15).default(10),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
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
  sessionIdleMs: number;
  sessionMaxMs: number;
  maxUploadBytes: number;
  callRingMs: number;
  stunUrls: string[];
  turnUrls: string[];
  turnSecret: string | undefined;
  redisUrl: string | undefined;
  trustProxy: boolean;
  gestureModelUrl: string;
  bcryptRounds: number;
  logLevel: Environment['LOG_LEVEL'];
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
  if (env.TURN_URLS && !env.TURN_SECRET) throw new ConfigError('Invalid configuration:\n  TURN_SECRET: required when TURN_URLS is set');
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
    sessionIdleMs: env.SESSION_IDLE_MINUTES * 60_000,
    sessionMaxMs: env.SESSION_MAX_HOURS * 3_600_000,
    maxUploadBytes: Math.floor(env.MAX_UPLOAD_MB * 1024 * 1024),
    callRingMs: env.CALL_RING_SECONDS * 1000,
    stunUrls: env.STUN_URLS ?? DEFAULT_STUN.split(','),
    turnUrls: env.TURN_URLS ?? [],
    turnSecret: env.TURN_SECRET,
    redisUrl: env.REDIS_URL,
    trustProxy: env.TRUST_PROXY ?? false,
    gestureModelUrl: env.GESTURE_MODEL_URL,
    bcryptRounds: env.BCRYPT_ROUNDS,
    logLevel: env.LOG_LEVEL,
    serveFrontend: env.SERVE_FRONTEND ?? true,
  };
}

function randomSecret(): string {
  const bytes = new Uint8Array(48);
  crypto.getRandomValues(bytes);
  return Buffer.from(bytes).toString('base64url');
}
