// @vitest-environment jsdom
import { act, renderHook, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { stubApi } from '../../../lib/fake-api.test-support';
import { createInMemorySocket } from '../../../lib/use-socket-events.test-support';
import { consultation } from './consultations.test-support';
import { usePatientFollowUp } from './use-follow-up-gate';
import { usePairConsultations } from './use-pair-consultations';

const DAY = 24 * 60 * 60 * 1000;

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('usePairConsultations', () => {
  it("loads the pair's consultations with the window's length, and follows consultationUpdated of that pair only", async () => {
    const server = createInMemorySocket();
    const api = stubApi({
      'GET /api/consultations/with/d1': () => ({
        consultations: [consultation('c1', { doctorId: 'd1', status: 'completed', completedAt: '2025-03-01T09:00:00.000Z' })],
      }),
      'GET /api/client-config': () => ({ gestureModelUrl: '/models/x.task', followUpDays: 14 }),
    });
    const { result } = renderHook(() => usePairConsultations(server.socket, 'd1'));
    expect(result.current).toMatchObject({ consultations: null, status: 'loading' });
    await waitFor(() => expect(result.current.status).toBe('ready'));
    expect(result.current.followUpDays).toBe(14);
    expect(result.current.consultations?.map((c) => c.id)).toEqual(['c1']);

    act(() => server.receive('consultationUpdated', consultation('other', { doctorId: 'd2' })));
    act(() => server.receive('consultationUpdated', consultation('c2', { doctorId: 'd1' })));
    expect(result.current.consultations?.map((c) => [c.id, c.status])).toEqual([
      ['c2', 'active'],
      ['c1', 'completed'],
    ]);

    act(() => server.receive('connect'));
    await waitFor(() => expect(api.count('GET /api/consultations/with/d1')).toBe(2));
  });

  it('asks nothing without a partner (a doctor is never gated)', async () => {
    const api = stubApi({});
    const { result } = renderHook(() => usePairConsultations(null, null));
    await waitFor(() => expect(result.current.status).toBe('ready'));
    expect(result.current.consultations).toBeNull();
    expect(api.requests).toEqual([]);
  });
});

describe('usePatientFollowUp', () => {
  it('shows the window open, then closed the moment it ends, without a reload', async () => {
    vi.useFakeTimers({ toFake: ['Date', 'setTimeout', 'clearTimeout'], shouldAdvanceTime: true });
    const completedAt = Date.UTC(2025, 2, 1, 9, 0);
    vi.setSystemTime(completedAt + 7 * DAY - 60_000);
    stubApi({
      'GET /api/consultations/with/d1': () => ({
        consultations: [
          consultation('c1', { doctorId: 'd1', status: 'completed', completedAt: new Date(completedAt).toISOString() }),
        ],
      }),
      'GET /api/client-config': () => ({ gestureModelUrl: '/models/x.task', followUpDays: 7 }),
    });
    const { result } = renderHook(() => usePatientFollowUp(null, 'd1'));
    await waitFor(() => expect(result.current.gate).not.toBeNull());
    expect(result.current.doctor).toBe('Dr. doctor d1');
    expect(result.current.gate).toEqual({ mayWrite: true, mayCall: false, endsAt: completedAt + 7 * DAY, notice: 'window-open' });

    await act(() => vi.advanceTimersByTimeAsync(60_000));
    expect(result.current.gate).toMatchObject({ mayWrite: false, notice: 'window-closed' });
  });
});
