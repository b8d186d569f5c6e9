import mongoose from 'mongoose';
import { describe, expect, it } from 'vitest';
import { isDatabaseDownError } from './database.js';

// The driver's own classes (mongoose re-exports the driver it runs on), not look-alikes.
const { MongoNetworkError, MongoServerSelectionError, MongoServerError, MongoRuntimeError, MongoServerClosedError } =
  mongoose.mongo;

describe('isDatabaseDownError (what clients see as 503)', () => {
  it('takes the driver errors that mean the server could not be reached', () => {
    expect(isDatabaseDownError(new MongoNetworkError('connection 4 to 127.0.0.1:27017 closed'))).toBe(true);
    expect(isDatabaseDownError(new MongoServerClosedError())).toBe(true);
    const selection = new MongoServerSelectionError('Server selection timed out after 2000 ms', {} as never);
    expect(isDatabaseDownError(selection)).toBe(true);
  });

  it('reads through a wrapping error to the outage beneath it', () => {
    const wrapped = new Error('could not store the message', { cause: new MongoNetworkError('read ECONNRESET') });
    expect(isDatabaseDownError(wrapped)).toBe(true);
  });

  it("takes any of the driver's own errors while the connection is down (this test never connects)", () => {
    expect(mongoose.connection.readyState).not.toBe(mongoose.ConnectionStates.connected);
    expect(isDatabaseDownError(new MongoRuntimeError('a name a later driver may give an outage'))).toBe(true);
  });

  it('leaves alone what the server answered and what the app threw', () => {
    expect(isDatabaseDownError(new MongoServerError({ message: 'E11000 duplicate key error', code: 11000 }))).toBe(false);
    expect(isDatabaseDownError(new Error('Something else went wrong'))).toBe(false);
    expect(isDatabaseDownError('connection closed')).toBe(false);
    expect(isDatabaseDownError(undefined)).toBe(false);
  });
});
