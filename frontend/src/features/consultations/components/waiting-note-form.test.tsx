// @vitest-environment jsdom
import { WAITING_NOTE_MAX, type UserAnswer, type WaitingNote, type WaitingNoteAnswer } from '@telehealth/shared';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { jsonResponse, stubApi, type FakeRequest } from '../../../lib/fake-api.test-support';
import { WaitingNoteForm } from './waiting-note-form';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const PUT = 'PUT /api/consultations/waiting-note';
const posted: WaitingNote = { text: 'Running about 10 minutes late', at: '2025-03-01T10:42:00.000Z' };

/** The doctor's own account, as `GET /api/auth/me` shows it to them: with their note, or null. */
const me = (waitingNote: WaitingNote | null): UserAnswer => ({
  user: {
    id: 'doctor-1',
    name: 'Grace Hopper',
    role: 'doctor',
    avatarUrl: null,
    active: true,
    available: true,
    createdAt: '2025-01-01T09:00:00.000Z',
    waitingNote,
  },
});

/** The server's PUT: the trimmed text back with a time, or null for "". */
function putAnswer({ body }: FakeRequest): WaitingNoteAnswer {
  const text = (body as { text: string }).text;
  return { waitingNote: text === '' ? null : { text, at: '2025-03-01T11:05:00.000Z' } };
}

const noteField = () => screen.getByRole('textbox', { name: 'Your note' });
const current = () => screen.getByRole('status');

describe('WaitingNoteForm', () => {
  it('shows the note up now, counts as the doctor types, and posts a new one', async () => {
    const bodies: unknown[] = [];
    const api = stubApi({
      'GET /api/auth/me': () => me(posted),
      [PUT]: (request) => (bodies.push(request.body), putAnswer(request)),
    });
    render(<WaitingNoteForm available />);
    await waitFor(() => expect(current().textContent).toContain('Your waiting room reads: “Running about 10 minutes late”'));
    expect(current().querySelector(`time[datetime="${posted.at}"]`)).not.toBeNull();
    expect(screen.getByText(`0/${WAITING_NOTE_MAX} characters`)).toBeTruthy();

    fireEvent.change(noteField(), { target: { value: '  Back at 11:30  ' } });
    // Counted as the server counts it: trimmed.
    expect(screen.getByText(`13/${WAITING_NOTE_MAX} characters`)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Post note' }));

    await waitFor(() => expect(current().textContent).toContain('“Back at 11:30”'));
    expect(bodies).toEqual([{ text: 'Back at 11:30' }]);
    expect(api.count(PUT)).toBe(1);
    expect(noteField()).toHaveProperty('value', '');
  });

  it('clears the note with Clear, and then offers no Clear', async () => {
    const bodies: unknown[] = [];
    stubApi({ 'GET /api/auth/me': () => me(posted), [PUT]: (request) => (bodies.push(request.body), putAnswer(request)) });
    render(<WaitingNoteForm available />);
    fireEvent.click(await screen.findByRole('button', { name: 'Clear note' }));

    await waitFor(() => expect(current().textContent).toBe('No note up: your waiting room sees none.'));
    expect(bodies).toEqual([{ text: '' }]);
    expect(screen.queryByRole('button', { name: 'Clear note' })).toBeNull();
  });

  it('refuses a note over the limit before sending it, with the shared schema', async () => {
    const api = stubApi({ 'GET /api/auth/me': () => me(null), [PUT]: putAnswer });
    render(<WaitingNoteForm available />);
    await waitFor(() => expect(current().textContent).toContain('No note up'));

    fireEvent.change(noteField(), { target: { value: 'x'.repeat(WAITING_NOTE_MAX + 1) } });
    expect(screen.getByText(`${WAITING_NOTE_MAX + 1}/${WAITING_NOTE_MAX} characters: 1 too many`)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Post note' }));

    await screen.findByText(`Your note must be at most ${WAITING_NOTE_MAX} characters`);
    expect(noteField().getAttribute('aria-invalid')).toBe('true');
    expect(document.activeElement).toBe(noteField());
    expect(api.count(PUT)).toBe(0);

    // An empty Post is a slip, not a clear.
    fireEvent.change(noteField(), { target: { value: '   ' } });
    fireEvent.click(screen.getByRole('button', { name: 'Post note' }));
    await screen.findByText('Your note is empty: write a few words, or use Clear to take the note down');
    expect(api.count(PUT)).toBe(0);
  });

  it('is disabled while the doctor is away, says why, and drops the note going away took down', async () => {
    stubApi({ 'GET /api/auth/me': () => me(posted), [PUT]: putAnswer });
    const { rerender } = render(<WaitingNoteForm available />);
    await waitFor(() => expect(current().textContent).toContain('Running about 10 minutes late'));

    rerender(<WaitingNoteForm available={false} />);
    expect(current().textContent).toBe('No note up: your waiting room sees none.');
    expect(screen.getByRole('note').textContent).toContain('You are away, so your waiting room has no note');
    // Disabled by the fieldset around them, as the browser and screen readers take it.
    expect(noteField().matches(':disabled')).toBe(true);
    expect(screen.getByRole('button', { name: 'Post note' }).matches(':disabled')).toBe(true);
  });

  it('says in plain words why the server refused', async () => {
    stubApi({
      'GET /api/auth/me': () => me(null),
      [PUT]: () => jsonResponse(409, { error: { code: 'CONFLICT', message: 'You are marked away' } }),
    });
    render(<WaitingNoteForm available />);
    await waitFor(() => expect(current().textContent).toContain('No note up'));
    fireEvent.change(noteField(), { target: { value: 'Back soon' } });
    fireEvent.click(screen.getByRole('button', { name: 'Post note' }));

    const alert = await screen.findByRole('alert');
    await waitFor(() => expect(alert.textContent).toContain('You are marked away, so your waiting room cannot get a note.'));
    expect(noteField()).toHaveProperty('value', 'Back soon');
  });
});
