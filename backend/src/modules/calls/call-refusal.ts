import { AppError, errors } from '../../lib/app-error.js';

/** Why the call service said no to an event the client may send again in another state. */
export type CallRefusalReason = 'no-such-call' | 'offline' | 'busy' | 'duplicate-id';

/**
 * A call event refused on purpose: an AppError (a status for anyone who reads it as HTTP) with
 * the call's own reason, which `call.socket.ts` answers with the ack's code.
 */
export class CallRefusal extends AppError {
  override name = 'CallRefusal';

  constructor(
    readonly reason: CallRefusalReason,
    message: string,
  ) {
    super(reason === 'no-such-call' ? 'NOT_FOUND' : 'CONFLICT', message);
  }
}

/** The call service's refusals, each worded once; FORBIDDEN is the app's own (`errors.forbidden`). */
export const callRefusals = {
  noSuchCall: () => new CallRefusal('no-such-call', 'There is no such call'),
  offline: () => new CallRefusal('offline', 'They are not online'),
  busy: () => new CallRefusal('busy', 'One of you is already in a call'),
  duplicateId: () => new CallRefusal('duplicate-id', 'This call id is already in use'),
  forbidden: (message = 'You cannot call this person') => errors.forbidden(message),
};
