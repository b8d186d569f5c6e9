// @vitest-environment jsdom
import type { Message } from '@telehealth/shared';
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { MemoryRouter } from 'react-router-dom';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { stubApi } from '../../../lib/fake-api.test-support';
import { createInMemorySocket } from '../../../lib/use-socket-events.test-support';
import { MessageContext, type MessageActions } from '../context/message-context';
import { MESSAGING_OFF } from '../context/messaging-off';
import { DOCTOR, ME, OTHER, message, user } from '../logic/test-fixtures';
import { PendingInstructions } from './pending-instructions';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const PENDING = 'GET /api/messages/instructions/pending';
const fromGrey = message(1, { text: 'Rest for two days', instructions: { confirmedAt: null } });
const fromHouse = message(2, { senderId: OTHER, text: 'Take the tablets with food', instructions: { confirmedAt: null } });
const answer = (messages: Message[]) => ({
  instructions: messages.map((pending) => ({
    message: pending,
    doctor: user(pending.senderId, pending.senderId === DOCTOR ? 'Dr. Grey' : 'Dr. House'),
  })),
});

function setup(onServer: () => Message[], understand: MessageActions['understand'] = async () => undefined) {
  const api = stubApi({ [PENDING]: () => answer(onServer()) });
  const server = createInMemorySocket();
  const value = { ...MESSAGING_OFF, myId: ME, actions: { ...MESSAGING_OFF.actions, understand } };
  const view = render(
    <MemoryRouter>
      <MessageContext value={value}>
        <PendingInstructions socket={server.socket} />
      </MessageContext>
    </MemoryRouter>,
  );
  return { api, server, view };
}

const list = () => screen.findByRole('list', { name: 'Instructions to confirm' });
const cards = async () => within(await list()).getAllByRole('listitem');

describe('PendingInstructions', () => {
  it('lists each doctor’s unconfirmed instructions, with the date, the text and the way to the thread', async () => {
    setup(() => [fromGrey, fromHouse]);
    const [grey, house] = await cards();
    expect(within(grey!).getByRole('heading', { name: 'From Dr. Grey' })).toBeTruthy();
    expect(within(grey!).getByText('Rest for two days')).toBeTruthy();
    expect(grey!.querySelector(`time[datetime="${fromGrey.createdAt}"]`)).not.toBeNull();
    const link = within(house!).getByRole('link', { name: 'Open the conversation with Dr. House' });
    expect(link.getAttribute('href')).toBe(`/messages/${OTHER}`);
  });

  it('"I understand" confirms one, which leaves the list; the section goes with the last', async () => {
    let onServer = [fromGrey, fromHouse];
    const understand = vi.fn<MessageActions['understand']>(async (messageId) => {
      onServer = onServer.filter((pending) => pending.id !== messageId);
    });
    setup(() => onServer, understand);
    const [grey] = await cards();
    fireEvent.click(within(grey!).getByRole('button', { name: 'I understand' }));
    await waitFor(async () => expect(await cards()).toHaveLength(1));
    expect(understand).toHaveBeenCalledExactlyOnceWith(fromGrey.id);
    expect(screen.queryByText('Rest for two days')).toBeNull();

    fireEvent.click(screen.getByRole('button', { name: 'I understand' }));
    await waitFor(() => expect(screen.queryByRole('heading', { name: 'Instructions to confirm' })).toBeNull());
    expect(understand).toHaveBeenLastCalledWith(fromHouse.id);
  });

  it('shows nothing when there is nothing to confirm', async () => {
    const { api, view } = setup(() => []);
    await waitFor(() => expect(api.count(PENDING)).toBe(1));
    await act(async () => undefined);
    expect(view.container.innerHTML).toBe('');
  });

  it('follows the socket: new instructions load the list again, a confirmation elsewhere removes one', async () => {
    let onServer = [fromGrey];
    const { api, server } = setup(() => onServer);
    expect(await cards()).toHaveLength(1);

    onServer = [fromGrey, fromHouse];
    act(() => server.receive('newMessage', fromHouse));
    await waitFor(async () => expect(await cards()).toHaveLength(2));
    act(() => server.receive('newMessage', message(3, { text: 'An ordinary message' })));
    expect(api.count(PENDING)).toBe(2);

    act(() => server.receive('messageUpdated', { ...fromGrey, instructions: { confirmedAt: '2025-01-01T12:30:00.000Z' } }));
    expect((await cards()).map((card) => within(card).getByRole('heading').textContent)).toEqual(['From Dr. House']);
  });
});
