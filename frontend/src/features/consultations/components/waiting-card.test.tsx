// @vitest-environment jsdom
import type { Consultation, PublicUser } from '@telehealth/shared';
import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { createInMemorySocket, type InMemorySocket } from '../../../lib/use-socket-events.test-support';
import { consultation } from '../hooks/consultations.test-support';
import { WaitingCard } from './waiting-card';

afterEach(cleanup);

const grace: PublicUser = {
  id: 'doctor-grace',
  name: 'Grace Hopper',
  role: 'doctor',
  avatarUrl: null,
  active: true,
  available: true,
  createdAt: '2025-01-01T09:00:00.000Z',
};
const late = { text: 'Running about 10 minutes late', at: '2025-03-01T10:42:00.000Z' };

function renderCard(waiting: Consultation, live: InMemorySocket = createInMemorySocket()) {
  const card = (shown: Consultation) => (
    <WaitingCard consultation={shown} requestedDoctor={grace} socket={live.socket} onCancel={async () => undefined} />
  );
  const { rerender } = render(card(waiting));
  return { live, show: (next: Consultation) => rerender(card(next)) };
}

/** The polite live region that holds the doctor's note (the position has one of its own). */
const noteRegion = () => document.querySelector('.waiting-room-note-region') as HTMLElement;

describe("WaitingCard and the doctor's note to the waiting room", () => {
  it('shows the note loaded with the consultation, in a polite live region', () => {
    renderCard(consultation('c1', { requestedDoctorId: grace.id, waitingNote: late }));
    expect(noteRegion().getAttribute('role')).toBe('status');
    expect(noteRegion().getAttribute('aria-live')).toBe('polite');
    expect(noteRegion().textContent).toMatch(/^Dr\. Grace Hopper: Running about 10 minutes late · posted /);
    expect(noteRegion().querySelector(`time[datetime="${late.at}"]`)).not.toBeNull();
  });

  it("follows its doctor's waitingNote events, ignores another doctor's, and drops a cleared note", () => {
    const { live } = renderCard(consultation('c1', { requestedDoctorId: grace.id }));
    expect(noteRegion().textContent).toBe('');

    act(() => live.receive('waitingNote', { doctorId: grace.id, text: 'Back at 11:30', at: '2025-03-01T11:00:00.000Z' }));
    expect(noteRegion().textContent).toContain('Dr. Grace Hopper: Back at 11:30');

    act(() => live.receive('waitingNote', { doctorId: 'doctor-other', text: 'Not for you', at: '2025-03-01T11:01:00.000Z' }));
    expect(noteRegion().textContent).toContain('Back at 11:30');
    expect(noteRegion().textContent).not.toContain('Not for you');

    act(() => live.receive('waitingNote', { doctorId: grace.id, text: '', at: '2025-03-01T11:02:00.000Z' }));
    expect(noteRegion().textContent).toBe('');
  });

  it('shows no note to a request that names no doctor', () => {
    const { live } = renderCard(consultation('c1'));
    act(() => live.receive('waitingNote', { doctorId: grace.id, text: 'Back at 11:30', at: '2025-03-01T11:00:00.000Z' }));
    expect(noteRegion().textContent).toBe('');
  });

  it('takes a fresh copy of the consultation as the latest word', () => {
    const { live, show } = renderCard(consultation('c1', { requestedDoctorId: grace.id, waitingNote: late }));
    act(() => live.receive('waitingNote', { doctorId: grace.id, text: '', at: '2025-03-01T11:00:00.000Z' }));
    expect(noteRegion().textContent).toBe('');

    const later = { text: 'Seeing patients in order', at: '2025-03-01T11:10:00.000Z' };
    show(consultation('c1', { requestedDoctorId: grace.id, waitingNote: later, position: 2 }));
    expect(noteRegion().textContent).toContain('Seeing patients in order');
  });

  it('says the estimate is not known yet, rather than "estimate unavailable"', () => {
    renderCard(consultation('c1', { position: 1, estimatedWaitSeconds: null }));
    const place = screen.getByText('Estimated wait').nextElementSibling;
    expect(place?.textContent).toBe('not known yet');
  });
});
