// @vitest-environment jsdom
import type { Message } from '@telehealth/shared';
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { MessageContext, type MessageActions } from '../context/message-context';
import { MESSAGING_OFF } from '../context/messaging-off';
import { DOCTOR, ME, message } from '../logic/test-fixtures';
import { MessageItem, type MessageRowContext } from './message-item';

afterEach(cleanup);

// close together, so they fall on one local day in every time zone
const SENT_AT = '2025-01-01T11:00:00.000Z';
const CONFIRMED_AT = '2025-01-01T11:42:00.000Z';
const clock = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit' });

/** Instructions from the doctor to me (the patient), confirmed or not. */
const instructions = (confirmedAt: string | null) =>
  message(1, { text: 'Rest and drink water', createdAt: SENT_AT, instructions: { confirmedAt } });

function renderItem(shown: Message, myId: string, understand: MessageActions['understand'] = async () => undefined) {
  const context: MessageRowContext = {
    myId,
    partnerName: myId === ME ? 'Dr. Grey' : 'Pat',
    highlightedId: null,
    uploadProgress: {},
    onReply: vi.fn(),
    onEdit: vi.fn(),
    onDeleted: vi.fn(),
    onJump: vi.fn(),
    onOpenImage: vi.fn(),
    onError: vi.fn(),
    onRestore: vi.fn(),
  };
  const value = { ...MESSAGING_OFF, myId, actions: { ...MESSAGING_OFF.actions, understand } };
  render(
    <MessageContext value={value}>
      <MessageItem item={{ key: shown.id, message: shown, status: null, pending: null }} previous={undefined} context={context} />
    </MessageContext>,
  );
  return context;
}

const understandButton = () => screen.queryByRole('button', { name: 'I understand' });

describe('MessageItem: instructions', () => {
  it('the patient sees them marked, with "I understand" and a question as a reply', () => {
    const shown = instructions(null);
    const context = renderItem(shown, ME);
    expect(screen.getByText('Instructions')).toBeTruthy();
    expect(understandButton()).not.toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Ask a question' }));
    expect(context.onReply).toHaveBeenCalledWith(shown);
  });

  it('the doctor sees "Waiting for confirmation" until the patient confirms', () => {
    renderItem(instructions(null), DOCTOR);
    expect(screen.getByText('Instructions')).toBeTruthy();
    expect(screen.getByText('Waiting for confirmation')).toBeTruthy();
    expect(understandButton()).toBeNull();
  });

  it.each([
    ['the patient', ME],
    ['the doctor', DOCTOR],
  ])('once confirmed, %s sees when they were understood', (_who, myId) => {
    renderItem(instructions(CONFIRMED_AT), myId);
    // the line, whose time is an element of its own
    const status = screen.getByText(
      (_text, element) => element?.tagName === 'P' && /Understood at/.test(element.textContent ?? ''),
    );
    expect(status.textContent).toBe(`✓ Understood at ${clock.format(new Date(CONFIRMED_AT))}`);
    expect(status.querySelector(`time[datetime="${CONFIRMED_AT}"]`)).not.toBeNull();
    expect(understandButton()).toBeNull();
    expect(screen.queryByText('Waiting for confirmation')).toBeNull();
  });

  it('an ordinary message has none of it', () => {
    renderItem(message(2), ME);
    expect(screen.queryByText('Instructions')).toBeNull();
    expect(understandButton()).toBeNull();
  });

  it('"I understand" asks once and stays disabled until the server answers', async () => {
    let answer: () => void = () => undefined;
    const understand = vi.fn<MessageActions['understand']>(() => new Promise<void>((resolve) => (answer = resolve)));
    renderItem(instructions(null), ME, understand);
    const button = understandButton()!;
    fireEvent.click(button);
    fireEvent.click(button);
    expect(understand).toHaveBeenCalledTimes(1);
    expect(understand).toHaveBeenCalledWith('m0001');
    expect((button as HTMLButtonElement).disabled).toBe(true);
    await act(async () => answer());
    expect((button as HTMLButtonElement).disabled).toBe(false);
  });

  it('a refusal reaches the thread, which says why', async () => {
    const refusal = new Error('already confirmed');
    const context = renderItem(instructions(null), ME, () => Promise.reject(refusal));
    await act(async () => fireEvent.click(understandButton()!));
    expect(context.onError).toHaveBeenCalledWith(refusal);
  });
});
