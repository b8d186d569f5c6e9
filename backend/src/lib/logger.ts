import { pino, type Logger } from 'pino';

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

export function createLogger(level: string): Logger {
  return pino({ level, redact: { paths: REDACT, censor: '[redacted]' } });
}
