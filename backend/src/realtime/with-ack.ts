import type { AckResult, SocketErrorCode } from '@telehealth/shared';
import type { z } from 'zod';
import { AppError } from '../lib/app-error.js';
import type { Logger } from '../lib/logger.js';

/** A failure a socket handler answers on purpose, with one of the contract's ack codes. */
export class SocketError extends Error {
  override name = 'SocketError';
  constructor(
    readonly code: SocketErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Wraps a client→server event handler: parses the payload with its shared schema, runs it, and
 * answers the acknowledgement `{ok: true}` or `{ok: false, error}`. Thrown errors become a known
 * code; nothing internal reaches the client. A client that sent no callback simply gets no answer.
 */
export function withAck<S extends z.ZodType>(
  schema: S,
  handle: (payload: z.output<S>) => Promise<void> | void,
  logger: Logger,
): (payload: unknown, ack?: unknown) => void {
  return (payload, ack) => {
    const answer = (result: AckResult) => {
      if (typeof ack === 'function') (ack as (result: AckResult) => void)(result);
    };
    const parsed = schema.safeParse(payload);
    if (!parsed.success) {
      const fields = parsed.error.issues.map((issue) => issue.path.join('.') || 'payload').join(', ');
      return answer({ ok: false, error: { code: 'VALIDATION_FAILED', message: `Invalid payload: ${fields}` } });
    }
    Promise.resolve()
      .then(() => handle(parsed.data))
      .then(
        () => answer({ ok: true }),
        (error: unknown) => {
          if (error instanceof SocketError) return answer({ ok: false, error: { code: error.code, message: error.message } });
          if (error instanceof AppError && error.code === 'FORBIDDEN')
            return answer({ ok: false, error: { code: 'FORBIDDEN', message: error.message } });
          logger.error({ err: error }, 'socket handler failed');
          answer({ ok: false, error: { code: 'INTERNAL', message: 'Something went wrong on our side' } });
        },
      );
  };
}
