// @vitest-environment jsdom
import type { Consultation } from '@telehealth/shared';
import { act, renderHook, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { stubApi } from '../../../lib/fake-api.test-support';
import { createInMemorySocket } from '../../../lib/use-socket-events.test-support';
import { consultation } from './consultations.test-support';
import { useDoctorConsultations } from './use-doctor-consultations';

afterEach(() => vi.unstubAllGlobals());

describe('useDoctorConsultations', () => {
  it('lists the active consultations and follows updates to them', async () => {
    const server = createInMemorySocket();
    stubApi({
      'GET /api/consultations': () => ({
        consultations: [consultation('c2', { doctorId: 'd1' }), consultation('c1', { status: 'completed', doctorId: 'd1' })],
      }),
    });
    const { result } = renderHook(() => useDoctorConsultations(server.socket));
    await waitFor(() => expect(result.current.active.map((active) => active.id)).toEqual(['c2']));

    act(() => server.receive('consultationUpdated', consultation('c2', { status: 'completed', doctorId: 'd1' })));
    expect(result.current.active).toEqual([]);
  });

  it('accepting adds the consultation, completing sends the notes and takes it off', async () => {
    let sentNotes: unknown;
    stubApi({
      'GET /api/consultations': () => ({ consultations: [] }),
      'POST /api/consultations/c5/accept': () => ({ consultation: consultation('c5', { doctorId: 'd1' }) }),
      'POST /api/consultations/c5/complete': ({ body }) => {
        sentNotes = body;
        return { consultation: consultation('c5', { status: 'completed', doctorId: 'd1' }) };
      },
    });
    const { result } = renderHook(() => useDoctorConsultations(null));
    await waitFor(() => expect(result.current.error).toBeNull());

    await act(() => result.current.accept('c5'));
    expect(result.current.active.map((active) => active.id)).toEqual(['c5']);
    await act(() => result.current.complete('c5', 'Drink water'));
    expect(sentNotes).toEqual({ notes: 'Drink water' });
    expect(result.current.active).toEqual([]);
  });

  it('reads its list again on reconnect', async () => {
    const server = createInMemorySocket();
    let onServer: Consultation[] = [];
    const api = stubApi({ 'GET /api/consultations': () => ({ consultations: onServer }) });
    const { result } = renderHook(() => useDoctorConsultations(server.socket));
    await waitFor(() => expect(api.count('GET /api/consultations')).toBe(1));

    onServer = [consultation('c7', { doctorId: 'd1' })];
    act(() => server.receive('connect'));
    await waitFor(() => expect(result.current.active.map((active) => active.id)).toEqual(['c7']));
  });
});
