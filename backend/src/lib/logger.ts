import { pino, type Logger } from 'pino';
import pretty from 'pino-pretty';

export type { Logger };

/**
 * Paths that must never reach a log line: credentials, tokens, message text.
 * Redaction is a second wall; call sites already avoid logging bodies.
 */
const REDACT = [
  'req.headers.cookie',
  'req.headers.authorization',
  'res.headers["set-cookie"]',
  '*.password',
  '*.currentPassword',
  '*.newPassword',
  '*.passwordHash',
  '*.token',
  '*.text',
];

export type LogFormat = 'json' | 'pretty';

/**
 * JSON lines for production (log collectors parse them); one readable line per entry for
 * development. pino-pretty runs in this thread, synchronously, so the last line before an exit
 * is never lost in a worker's buffer.
 */
export function createLogger(level: string, format: LogFormat = 'json'): Logger {
  const options = { level, redact: { paths: REDACT, censor: '[redacted]' } };
  if (format === 'json') return pino(options);
  return pino(
    options,
    pretty({ sync: true, colorize: Boolean(process.stdout.isTTY), ignore: 'pid,hostname', translateTime: 'SYS:HH:MM:ss' }),
  );
}
