// @vitest-environment jsdom
import type { Role } from '@telehealth/shared';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { useRef } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { MessageContext, type MessageActions } from '../context/message-context';
import { MESSAGING_OFF } from '../context/messaging-off';
import { useThreadComposer } from '../hooks/use-thread-composer';
import { Composer } from './composer';

afterEach(cleanup);

/** The composer wired to its thread's hook, as thread-view.tsx wires them, with the send recorded. */
function Wired({ partnerRole, send }: { partnerRole: Role; send: MessageActions['send'] }) {
  const composerRef = useRef<HTMLTextAreaElement>(null);
  const actions = { send, edit: async () => undefined, discard: () => undefined };
  const composer = useThreadComposer({ actions, partnerId: 'partner', partnerRole, composerRef, onError: () => undefined });
  return (
    <Composer
      ref={composerRef}
      partnerName="Pat"
      mode={composer.mode}
      restored={composer.restored}
      instructions={composer.instructions}
      authorName={() => 'Pat'}
      onCancelMode={composer.cancel}
      onSend={composer.send}
      onSaveEdit={composer.saveEdit}
      onTyping={() => undefined}
    />
  );
}

function setup(partnerRole: Role) {
  const send = vi.fn<MessageActions['send']>(async () => undefined);
  render(
    <MessageContext value={MESSAGING_OFF}>
      <Wired partnerRole={partnerRole} send={send} />
    </MessageContext>,
  );
  const write = (text: string) => fireEvent.change(screen.getByLabelText('Message to Pat'), { target: { value: text } });
  return { send, write };
}

describe('Composer: Send as instructions', () => {
  it('a doctor writing to a patient ticks it, sends instructions: true, and it is off for the next message', async () => {
    const { send, write } = setup('patient');
    const toggle = screen.getByRole<HTMLInputElement>('checkbox', { name: 'Send as instructions' });
    expect(toggle.checked).toBe(false);
    fireEvent.click(toggle);
    write('Take one tablet twice a day');
    fireEvent.click(screen.getByRole('button', { name: 'Send instructions' }));
    await vi.waitFor(() => expect(send).toHaveBeenCalledTimes(1));
    expect(send).toHaveBeenLastCalledWith(
      'partner',
      expect.objectContaining({ text: 'Take one tablet twice a day', instructions: true }),
    );
    expect(screen.getByRole<HTMLInputElement>('checkbox', { name: 'Send as instructions' }).checked).toBe(false);

    write('See you next week');
    fireEvent.click(screen.getByRole('button', { name: 'Send' }));
    await vi.waitFor(() => expect(send).toHaveBeenCalledTimes(2));
    expect(send).toHaveBeenLastCalledWith('partner', expect.objectContaining({ instructions: false }));
  });

  it('is not there for a patient (writing to a doctor), whose messages are never instructions', async () => {
    const { send, write } = setup('doctor');
    expect(screen.queryByRole('checkbox', { name: 'Send as instructions' })).toBeNull();
    write('Thank you');
    fireEvent.click(screen.getByRole('button', { name: 'Send' }));
    await vi.waitFor(() => expect(send).toHaveBeenCalledTimes(1));
    expect(send).toHaveBeenLastCalledWith('partner', expect.objectContaining({ instructions: false }));
  });
});
