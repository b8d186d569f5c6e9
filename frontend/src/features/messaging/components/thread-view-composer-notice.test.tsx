// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import type { ReactNode } from 'react';
import { MemoryRouter } from 'react-router-dom';
import { afterEach, describe, expect, it } from 'vitest';
import { MessageContext, type MessageActions, type MessageContextValue } from '../context/message-context';
import { MESSAGING_OFF } from '../context/messaging-off';
import { conversation, DOCTOR, ME, message } from '../logic/test-fixtures';
import { ThreadView } from './thread-view';

afterEach(cleanup);

// Every action a no-op: the test is about what the thread shows, not what it does.
const actions: MessageActions = MESSAGING_OFF.actions;

/** The messaging context as a page has it: one conversation, its latest page loaded. */
const context: MessageContextValue = {
  myId: ME,
  online: true,
  conversations: [conversation(DOCTOR, null)],
  conversationsError: null,
  threads: { [DOCTOR]: { messages: [message(1)], hasOlder: false } },
  outbox: [],
  uploadProgress: {},
  onlineUserIds: new Set(),
  typingUserIds: new Set(),
  unreadTotal: 0,
  pageActive: true,
  actions,
};

function renderThread(props: { composerNotice?: ReactNode; composerHint?: ReactNode }) {
  return render(
    <MemoryRouter>
      <MessageContext.Provider value={context}>
        <ThreadView partnerId={DOCTOR} {...props} />
      </MessageContext.Provider>
    </MemoryRouter>,
  );
}

describe('ThreadView and what the app puts at the composer', () => {
  it('shows the notice in place of the composer, and the thread is still there to read', () => {
    renderThread({ composerNotice: <p>Your follow-up window closed.</p>, composerHint: <p>Never shown with a notice</p> });
    expect(screen.getByText('Your follow-up window closed.')).toBeTruthy();
    expect(screen.queryByRole('textbox')).toBeNull();
    expect(screen.queryByText('Never shown with a notice')).toBeNull();
    expect(screen.getByRole('heading', { name: /User bbb/ })).toBeTruthy();
    expect(screen.getByRole('log', { name: 'Messages with User bbb' })).toBeTruthy();
  });

  it('keeps the composer with a hint above it, or with nothing from the app', () => {
    renderThread({ composerNotice: null, composerHint: <p>You can write until Friday.</p> });
    expect(screen.getByText('You can write until Friday.')).toBeTruthy();
    expect(screen.getByRole('textbox')).toBeTruthy();
    cleanup();
    renderThread({});
    expect(screen.getByRole('textbox')).toBeTruthy();
  });
});
