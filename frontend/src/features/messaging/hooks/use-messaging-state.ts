import { useLayoutEffect, useReducer, useRef, type Dispatch, type RefObject } from 'react';
import { INITIAL_STATE, messagingReducer, type MessagingAction, type MessagingState } from '../logic/messaging-state';

export interface MessagingStore {
  state: MessagingState;
  /** the latest state, for socket handlers and async work that must not re-subscribe on each change */
  stateRef: RefObject<MessagingState>;
  dispatch: Dispatch<MessagingAction>;
}

/** Conversations and loaded threads (the pure `messagingReducer`), with a ref that follows them. */
export function useMessagingState(): MessagingStore {
  const [state, dispatch] = useReducer(messagingReducer, INITIAL_STATE);
  const stateRef = useRef(state);
  // A layout effect: it runs before any child's effect, so a thread view reacting to new messages
  // (read receipts) already finds them here.
  useLayoutEffect(() => {
    stateRef.current = state;
  }, [state]);
  return { state, stateRef, dispatch };
}
