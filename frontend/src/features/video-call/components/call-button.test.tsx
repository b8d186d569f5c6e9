// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { VideoCallContext, type VideoCallContextValue } from '../context/video-call-context';
import type { CallPeer } from '../logic/call-machine';
import { CallButton } from './call-button';

afterEach(cleanup);

const peer: CallPeer = { id: 'd1', name: 'Dr. Grace Hopper', role: 'doctor', avatarUrl: null };

/** The call context as the button reads it: able to call, the peer online. */
function renderButton(disabledReason?: string | null) {
  const prepareCall = vi.fn();
  // Only what the button reads; the rest of the provider's value is the call screen's.
  const value = { canCall: true, isOnline: () => true, prepareCall } as unknown as VideoCallContextValue;
  render(
    <VideoCallContext.Provider value={value}>
      <CallButton peer={peer} disabledReason={disabledReason} />
    </VideoCallContext.Provider>,
  );
  return { button: screen.getByRole('button', { name: 'Video call Dr. Grace Hopper' }), prepareCall };
}

describe('CallButton', () => {
  it('is disabled with the reason as its description and tooltip', () => {
    const { button, prepareCall } = renderButton('Calls need an active consultation');
    expect((button as HTMLButtonElement).disabled).toBe(true);
    expect(button.getAttribute('aria-describedby')).not.toBeNull();
    expect(document.getElementById(button.getAttribute('aria-describedby')!)?.textContent).toBe(
      'Calls need an active consultation',
    );
    expect(button.closest('[title]')?.getAttribute('title')).toBe('Calls need an active consultation');
    fireEvent.click(button);
    expect(prepareCall).not.toHaveBeenCalled();
  });

  it('calls as before without a reason', () => {
    const { button, prepareCall } = renderButton(null);
    expect((button as HTMLButtonElement).disabled).toBe(false);
    expect(button.getAttribute('aria-describedby')).toBeNull();
    expect(button.closest('[title]')).toBeNull();
    fireEvent.click(button);
    expect(prepareCall).toHaveBeenCalledWith(peer);
  });
});
