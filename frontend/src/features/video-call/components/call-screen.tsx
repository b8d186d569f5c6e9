import { useEffect, useId, useRef } from 'react';
import { Avatar } from '../../../components/ui/avatar';
import { useVideoCall } from '../context/video-call-context';
import { statusLine } from '../logic/call-messages';
import { CallEnded } from './call-ended';
import { LiveCall, type CallExtras } from './live-call';
import { PreCallCheck } from './pre-call-check';

export type { CallExtras, CallExtrasControls } from './live-call';

/**
 * The call, over whatever page is open: a modal `<dialog>`, so the browser keeps keyboard focus
 * inside it and the page behind is inert. It shows the pre-call check, the ringing call, the call
 * itself, or why it ended. Screen readers hear every change through one live region.
 */
export function CallScreen({ renderExtras }: { renderExtras: CallExtras | undefined }) {
  const { state, precheck, announcement } = useVideoCall();
  const open = precheck !== null || state.status !== 'idle';
  // Outside the dialog, for what is said after it closed ("Call ended").
  const after = (
    <div className="visually-hidden" aria-live="polite">
      {open ? '' : announcement}
    </div>
  );
  return (
    <>
      {after}
      {open && <CallDialog renderExtras={renderExtras} />}
    </>
  );
}

function CallDialog({ renderExtras }: { renderExtras: CallExtras | undefined }) {
  const call = useVideoCall();
  const { state, precheck, announcement } = call;
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (!dialog.open) dialog.showModal();
    return () => {
      if (dialog.open) dialog.close();
      if (opener?.isConnected) opener.focus();
    };
  }, []);

  const peer = precheck?.before === 'calling' ? precheck.peer : 'peer' in state ? state.peer : null;

  const view = precheck ? 'precheck' : state.status === 'ringing' ? 'ringing' : state.status === 'ended' ? 'ended' : 'live';
  let body = null;
  if (view === 'precheck') body = <PreCallCheck />;
  else if (view === 'ringing') body = <Ringing />;
  // Keyed by call: each call's end is its own moment to measure the length to.
  else if (state.status === 'ended') body = <CallEnded key={state.callId} state={state} />;
  else if (peer) body = <LiveCall peer={peer} renderExtras={renderExtras} />;
  // The ended view's headline says it ("Call ended · 0:11"): the status line would only repeat it.
  const status =
    view === 'precheck'
      ? precheck?.before === 'calling'
        ? 'Before you call'
        : 'Before you join'
      : view === 'ended'
        ? ''
        : statusLine(state);

  return (
    <dialog
      ref={ref}
      className="dialog call-screen"
      data-view={view}
      aria-labelledby={titleId}
      onCancel={(event) => {
        // Escape must never end a consultation by accident: hanging up is its own button. Once the
        // call is over it only closes the ended view, leaving this user where they were.
        event.preventDefault();
        if (view === 'ended') call.dismiss();
      }}
    >
      <header className="call-header">
        {peer && <Avatar name={peer.name} avatarUrl={peer.avatarUrl} size="medium" />}
        <div>
          <h2 id={titleId}>{peer ? `Video call with ${peer.name}` : 'Video call'}</h2>
          {/* A live region: "Ringing…", "Connected", "Reconnecting…" are announced as they happen. */}
          <p className="muted call-status" aria-live="polite">
            {status}
          </p>
        </div>
      </header>
      {body}
      <p className="visually-hidden" aria-live="polite">
        {announcement}
      </p>
    </dialog>
  );
}

function Ringing() {
  const { state, prepareAnswer, decline } = useVideoCall();
  if (state.status !== 'ringing') return null;
  return (
    <div className="call-ringing stack">
      <p className="call-ringing-text">
        {state.peer.name} is calling you{state.video ? ' by video' : ''}.
      </p>
      <div className="actions">
        <button type="button" className="button button-primary" autoFocus onClick={prepareAnswer}>
          Accept
        </button>
        <button type="button" className="button button-danger" onClick={decline}>
          Decline
        </button>
      </div>
    </div>
  );
}
