import type { CallSignals } from '../api/call-signals';
import type { CallEvent } from '../logic/call-machine';
import type { ActiveCall } from './active-call';

/** What the start and answer flows work with; the tests pass fakes of the signals and the session. */
export interface CallFlowDeps {
  call: ActiveCall;
  signals: CallSignals;
  dispatch: (event: CallEvent) => void;
  getIceServers: () => Promise<RTCIceServer[]>;
}

export const hasVideo = (stream: MediaStream): boolean => stream.getVideoTracks().length > 0;

/** Call ids are chosen by the client (the server checks who sends every event, never trusts an id). */
export const newCallId = (): string => crypto.randomUUID();
