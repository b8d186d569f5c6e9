// @vitest-environment jsdom
import { act, render } from '@testing-library/react';
import { useEffect, type RefObject } from 'react';
import { describe, expect, it } from 'vitest';
import type { MessagingState } from '../logic/messaging-state';
import { conversation, DOCTOR } from '../logic/test-fixtures';
import { useMessagingState, type MessagingStore } from './use-messaging-state';

/** A child whose effect reads the ref, as a thread view does when new messages render. */
function Reader({
  count,
  stateRef,
  seen,
}: {
  count: number | null;
  stateRef: RefObject<MessagingState>;
  seen: (number | null)[];
}) {
  useEffect(() => {
    seen.push(stateRef.current.conversations?.length ?? null);
  }, [count, stateRef, seen]);
  return null;
}

describe('useMessagingState', () => {
  it('the ref already holds the new state when a child’s effect runs', () => {
    const seen: (number | null)[] = [];
    const stores: MessagingStore[] = [];
    function Provider({ expose }: { expose: (store: MessagingStore) => void }) {
      const store = useMessagingState();
      expose(store);
      return <Reader count={store.state.conversations?.length ?? null} stateRef={store.stateRef} seen={seen} />;
    }
    render(<Provider expose={(store) => stores.push(store)} />);
    act(() => stores.at(-1)!.dispatch({ type: 'conversationsLoaded', conversations: [conversation(DOCTOR, null)] }));
    expect(stores.at(-1)!.state.conversations).toHaveLength(1);
    expect(seen).toEqual([null, 1]);
  });
});
