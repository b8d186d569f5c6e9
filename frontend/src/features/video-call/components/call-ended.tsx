import { ArrowLeft, Phone } from 'lucide-react';
import { useId, useState } from 'react';
import { useVideoCall } from '../context/video-call-context';
import { endedSummary } from '../logic/call-ended';
import type { CallState } from '../logic/call-machine';

type Ended = Extract<CallState, { status: 'ended' }>;

/**
 * After the call: "Call ended · 0:11" (or "No answer", "Declined", why it failed), with the two
 * things people do next: call again, or go back to the conversation. Calling again is offered only
 * while the other person is online; otherwise the button says why it cannot ring.
 */
export function CallEnded({ state }: { state: Ended }) {
  const { callAgain, backToThread, dismiss, isOnline } = useVideoCall();
  // The moment this view first shows is the moment the call ended here: the length is measured to it.
  const [endedAt] = useState(() => Date.now());
  const reasonId = useId();
  const summary = endedSummary(state, endedAt);
  const peer = state.peer;
  const offline = peer !== null && isOnline(peer.id) === false;

  return (
    <div className="call-ended stack">
      <div className="call-ended-text">
        <h3 className="call-ended-title">{summary.title}</h3>
        {summary.detail && <p className="call-ended-detail">{summary.detail}</p>}
      </div>
      <div className="call-ended-actions">
        {summary.again && peer && (
          <button
            type="button"
            className="button button-primary"
            disabled={offline}
            aria-describedby={offline ? reasonId : undefined}
            autoFocus={!offline}
            onClick={callAgain}
          >
            <Phone size={18} aria-hidden="true" />
            {summary.again}
          </button>
        )}
        {peer ? (
          <button type="button" className="button button-quiet" autoFocus={!summary.again || offline} onClick={backToThread}>
            <ArrowLeft size={18} aria-hidden="true" />
            Back to the thread
          </button>
        ) : (
          <button type="button" className="button button-quiet" autoFocus onClick={dismiss}>
            Close
          </button>
        )}
      </div>
      {summary.again && peer && offline && (
        <p id={reasonId} className="call-ended-offline muted">
          {peer.name} is offline now.
        </p>
      )}
    </div>
  );
}
