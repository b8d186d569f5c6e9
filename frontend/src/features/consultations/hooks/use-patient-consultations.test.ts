// @vitest-environment jsdom
import type { Consultation } from '@telehealth/shared';
import { act, renderHook, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { jsonResponse, stubApi } from '../../../lib/fake-api.test-support';
import { createInMemorySocket } from '../../../lib/use-socket-events.test-support';
import { consultation } from './consultations.test-support';
import { usePatientConsultations } from './use-patient-consultations';

afterEach(() => vi.unstubAllGlobals());

describe('usePatientConsultations', () => {
  it('shows the open request and past ones, and follows consultationUpdated until a doctor takes it', async () => {
    const server = createInMemorySocket();
    stubApi({
      'GET /api/consultations': () => ({
        consultations: [consultation('c2'), consultation('c1', { status: 'completed', doctorId: 'd1' })],
      }),
    });
    const { result } = renderHook(() => usePatientConsultations(server.socket));
    expect(result.current.status).toBe('loading');
    await waitFor(() => expect(result.current.status).toBe('ready'));
    expect(result.current.current?.id).toBe('c2');
    expect(result.current.past.map((past) => past.id)).toEqual(['c1']);

    act(() => server.receive('consultationUpdated', consultation('c2', { doctorId: 'd1' })));
    expect(result.current.current).toMatchObject({ id: 'c2', status: 'active', doctor: { id: 'd1' } });
  });

  it('reads the list again on reconnect, since what was sent while offline is not replayed', async () => {
    const server = createInMemorySocket();
    let onServer: Consultation[] = [consultation('c1')];
    const api = stubApi({ 'GET /api/consultations': () => ({ consultations: onServer }) });
    const { result } = renderHook(() => usePatientConsultations(server.socket));
    await waitFor(() => expect(result.current.current?.status).toBe('waiting'));

    onServer = [consultation('c1', { status: 'completed', doctorId: 'd1', notes: 'Rest' })];
    act(() => server.receive('connect'));
    await waitFor(() => expect(result.current.past.map((past) => past.notes)).toEqual(['Rest']));
    expect(result.current.current).toBeNull();
    expect(api.count('GET /api/consultations')).toBe(2);
  });

  it('a request sent and a request cancelled show at once, from the answers', async () => {
    stubApi({
      'GET /api/consultations': () => ({ consultations: [] }),
      'POST /api/consultations': ({ body }) => ({ consultation: consultation('c9', body as Partial<Consultation>) }),
      'POST /api/consultations/c9/cancel': () => ({ consultation: consultation('c9', { status: 'cancelled' }) }),
    });
    const { result } = renderHook(() => usePatientConsultations(null));
    await waitFor(() => expect(result.current.status).toBe('ready'));

    await act(() => result.current.request({ reason: 'Headache for days', urgency: 'urgent' }));
    expect(result.current.current).toMatchObject({ id: 'c9', reason: 'Headache for days', urgency: 'urgent' });
    await act(() => result.current.cancel('c9'));
    expect(result.current.current).toBeNull();
  });

  it('a failed load says why, and "Try again" loads it', async () => {
    let down = true;
    stubApi({
      'GET /api/consultations': () =>
        down
          ? jsonResponse(503, { error: { code: 'DATABASE_UNAVAILABLE', message: 'Try later' } })
          : { consultations: [consultation('c1')] },
    });
    const { result } = renderHook(() => usePatientConsultations(null));
    await waitFor(() => expect(result.current.status).toBe('failed'));
    expect(result.current.error).toMatchObject({ status: 503, message: 'Try later' });

    down = false;
    await act(() => result.current.reload());
    expect(result.current).toMatchObject({ status: 'ready', error: null, current: { id: 'c1' } });
  });

  it('stops listening when unmounted', async () => {
    const server = createInMemorySocket();
    stubApi({ 'GET /api/consultations': () => ({ consultations: [] }) });
    const { result, unmount } = renderHook(() => usePatientConsultations(server.socket));
    await waitFor(() => expect(result.current.status).toBe('ready'));
    unmount();
    expect([server.listenerCount('consultationUpdated'), server.listenerCount('connect')]).toEqual([0, 0]);
  });
});
