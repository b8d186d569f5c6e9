// @vitest-environment jsdom
import type { ConsultationSummary, PublicUser } from '@telehealth/shared';
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { MemoryRouter } from 'react-router-dom';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { jsonResponse, stubApi } from '../../../lib/fake-api.test-support';
import { SummaryPage } from './summary-page';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const person = (id: string, name: string, role: PublicUser['role']): PublicUser => ({
  id,
  name,
  role,
  avatarUrl: null,
  active: true,
  createdAt: '2025-01-01T09:00:00.000Z',
});
const PATIENT = person('patient-1', 'Ana Lima', 'patient');
const DOCTOR = person('doctor-1', 'Grace Osei', 'doctor');
const SUMMARY_URL = 'GET /api/consultations/c1/summary';

function summary(changes: Partial<ConsultationSummary> = {}): ConsultationSummary {
  return {
    consultationId: 'c1',
    status: 'completed',
    reason: 'A sore throat for three days',
    urgency: 'urgent',
    patient: PATIENT,
    doctor: DOCTOR,
    requestedAt: '2025-03-01T09:00:00.000Z',
    acceptedAt: '2025-03-01T09:25:00.000Z',
    completedAt: '2025-03-01T10:30:00.000Z',
    waitingSeconds: 25 * 60,
    consultationSeconds: 65 * 60,
    notes: 'Rest and fluids.\nCome back if the fever stays.',
    instructions: [
      { messageId: 'i1', text: 'Gargle salt water', sentAt: '2025-03-01T09:40:00.000Z', confirmedAt: '2025-03-01T09:45:00.000Z' },
      { messageId: 'i2', text: 'Take the tablets twice a day', sentAt: '2025-03-01T10:00:00.000Z', confirmedAt: null },
    ],
    calls: [
      { messageId: 'call1', outcome: 'completed', durationSeconds: 252, at: '2025-03-01T09:30:00.000Z' },
      { messageId: 'call2', outcome: 'missed', durationSeconds: 0, at: '2025-03-01T10:10:00.000Z' },
    ],
    files: [
      {
        messageId: 'f1',
        senderId: PATIENT.id,
        name: 'throat.jpg',
        size: Math.round(2.4 * 1024 * 1024),
        mimeType: 'image/jpeg',
        url: '/api/files/file-1',
        at: '2025-03-01T09:35:00.000Z',
      },
    ],
    ...changes,
  };
}

function renderPage(viewerId = PATIENT.id) {
  render(
    <MemoryRouter>
      <SummaryPage consultationId="c1" viewerId={viewerId} />
    </MemoryRouter>,
  );
}

const region = (name: string) => screen.getByRole('region', { name });

describe('SummaryPage', () => {
  it('shows every part of a completed visit', async () => {
    stubApi({ [SUMMARY_URL]: () => ({ summary: summary() }) });
    renderPage();
    expect(await screen.findByText('Completed consultation')).toBeTruthy();

    const visit = region('The visit');
    expect(within(visit).getByText('A sore throat for three days')).toBeTruthy();
    expect(within(visit).getByText('Urgent')).toBeTruthy();
    expect(within(visit).getByText('Ana Lima')).toBeTruthy();
    expect(within(visit).getByText('Dr. Grace Osei')).toBeTruthy();

    const times = region('When');
    const stamps = [...times.querySelectorAll('time')].map((time) => time.getAttribute('datetime'));
    expect(stamps).toEqual(['2025-03-01T09:00:00.000Z', '2025-03-01T09:25:00.000Z', '2025-03-01T10:30:00.000Z']);
    expect(within(times).getByText('25 min')).toBeTruthy();
    expect(within(times).getByText('1 h 5 min')).toBeTruthy();

    const notes = within(region("Doctor's notes")).getByText(/Rest and fluids/);
    expect(notes.textContent).toBe('Rest and fluids.\nCome back if the fever stays.');
    expect(notes.className).toContain('notes');

    const [understood, pending] = within(region('Instructions')).getAllByRole('listitem');
    expect(understood!.textContent).toContain('Gargle salt water');
    expect(understood!.textContent).toContain('Understood at');
    expect(understood!.querySelector('time[datetime="2025-03-01T09:45:00.000Z"]')).not.toBeNull();
    expect(pending!.textContent).toContain('Not yet confirmed');

    const calls = within(region('Calls')).getAllByRole('listitem');
    expect(calls.map((call) => call.textContent?.split(' · ')[0])).toEqual(['Video call', 'Missed call']);
    expect(calls[0]!.textContent).toContain('4:12');

    const file = within(region('Files')).getByRole('link', { name: /throat\.jpg/ });
    expect(file.getAttribute('href')).toBe('/api/files/file-1');
    expect(region('Files').textContent).toContain('2.4 MB');
    expect(region('Files').textContent).toContain('from Ana Lima');
  });

  it('prints through the browser, and leads back to the other person', async () => {
    const print = vi.fn();
    vi.stubGlobal('print', print);
    stubApi({ [SUMMARY_URL]: () => ({ summary: summary() }) });
    renderPage(PATIENT.id);
    fireEvent.click(await screen.findByRole('button', { name: 'Print or save as PDF' }));
    expect(print).toHaveBeenCalledTimes(1);
    expect(screen.getByRole('link', { name: 'Back to the conversation' }).getAttribute('href')).toBe('/messages/doctor-1');
  });

  it("takes the doctor back to the patient's thread", async () => {
    stubApi({ [SUMMARY_URL]: () => ({ summary: summary() }) });
    renderPage(DOCTOR.id);
    const back = await screen.findByRole('link', { name: 'Back to the conversation' });
    expect(back.getAttribute('href')).toBe('/messages/patient-1');
  });

  it('says a visit still going is summed up so far', async () => {
    const soFar = summary({ status: 'active', completedAt: null, notes: '', instructions: [], calls: [], files: [] });
    stubApi({ [SUMMARY_URL]: () => ({ summary: soFar }) });
    renderPage();
    expect(await screen.findByText('In progress — summary so far')).toBeTruthy();
    expect(within(region('When')).getByText('Not yet, still in progress')).toBeTruthy();
    expect(within(region('When')).getByText('1 h 5 min so far')).toBeTruthy();
    expect(within(region('Instructions')).getByText('No instructions were given.')).toBeTruthy();
    expect(within(region('Calls')).getByText('No calls.')).toBeTruthy();
    expect(within(region('Files')).getByText('No files were shared.')).toBeTruthy();
  });

  it('tells anyone but the two people that the summary is not theirs, with nothing to retry', async () => {
    stubApi({ [SUMMARY_URL]: () => jsonResponse(404, { error: { code: 'NOT_FOUND', message: 'Consultation not found' } }) });
    renderPage();
    expect((await screen.findByRole('alert')).textContent).toBe('This summary is not available to you.');
    expect(screen.queryByRole('button', { name: 'Try again' })).toBeNull();
    expect(screen.queryByRole('region', { name: 'The visit' })).toBeNull();
  });

  it('explains in plain words a request no doctor took (409)', async () => {
    const conflict = { error: { code: 'CONFLICT', message: 'Only a consultation a doctor has taken has a summary' } };
    stubApi({ [SUMMARY_URL]: () => jsonResponse(409, conflict) });
    renderPage();
    expect((await screen.findByRole('alert')).textContent).toBe(
      'This consultation has no summary: no doctor took it, or it was cancelled.',
    );
  });

  it('offers to try again after a failure that may pass', async () => {
    let fail = true;
    stubApi({
      [SUMMARY_URL]: () =>
        fail ? jsonResponse(500, { error: { code: 'INTERNAL', message: 'The server had a problem' } }) : { summary: summary() },
    });
    renderPage();
    expect((await screen.findByRole('alert')).textContent).toBe('The server had a problem');
    fail = false;
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await screen.findByText('Completed consultation')).toBeTruthy();
  });
});
