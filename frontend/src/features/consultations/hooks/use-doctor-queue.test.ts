// @vitest-environment jsdom
import type { Consultation } from '@telehealth/shared';
import { act, renderHook, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { jsonResponse, stubApi } from '../../../lib/fake-api.test-support';
import { createInMemorySocket } from '../../../lib/use-socket-events.test-support';
import { consultation } from './consultations.test-support';
import { useDoctorQueue } from './use-doctor-queue';

afterEach(() => vi.unstubAllGlobals());

const ids = (queue: Consultation[] | null) => queue?.map((item) => item.id) ?? null;

describe('useDoctorQueue', () => {
  it('is null until loaded, then replaced by each queueUpdated', async () => {
    const server = createInMemorySocket();
    stubApi({ 'GET /api/consultations/queue': () => ({ consultations: [consultation('c1')] }) });
    const { result } = renderHook(() => useDoctorQueue(server.socket));
    expect(result.current.queue).toBeNull();
    await waitFor(() => expect(ids(result.current.queue)).toEqual(['c1']));

    act(() => server.receive('queueUpdated', { consultations: [consultation('c2'), consultation('c1')] }));
    expect(ids(result.current.queue)).toEqual(['c2', 'c1']);
  });

  it('presence news shows between snapshots, and the next snapshot supersedes it', async () => {
    const server = createInMemorySocket();
    stubApi({ 'GET /api/consultations/queue': () => ({ consultations: [consultation('c1')] }) });
    const { result } = renderHook(() => useDoctorQueue(server.socket));
    await waitFor(() => expect(result.current.queue).not.toBeNull());

    act(() => server.receive('onlineUsers', ['patient-of-c1', 'someone']));
    act(() => server.receive('presence', { userId: 'someone', online: false }));
    expect([...result.current.livePresence]).toEqual([
      ['patient-of-c1', true],
      ['someone', false],
    ]);
    act(() => server.receive('queueUpdated', { consultations: [consultation('c1', { patientOnline: false })] }));
    expect(result.current.livePresence.size).toBe(0);
  });

  it('a request taken comes off the list at once', async () => {
    stubApi({ 'GET /api/consultations/queue': () => ({ consultations: [consultation('c1'), consultation('c2')] }) });
    const { result } = renderHook(() => useDoctorQueue(null));
    await waitFor(() => expect(result.current.queue).not.toBeNull());
    act(() => result.current.remove('c1'));
    expect(ids(result.current.queue)).toEqual(['c2']);
  });

  it('reads the queue again on reconnect; a failure is kept as the error until a read succeeds', async () => {
    const server = createInMemorySocket();
    let answer: () => unknown = () => jsonResponse(500, { error: { code: 'INTERNAL', message: 'Broken' } });
    stubApi({ 'GET /api/consultations/queue': () => answer() });
    const { result } = renderHook(() => useDoctorQueue(server.socket));
    await waitFor(() => expect(result.current.error).toMatchObject({ status: 500 }));

    answer = () => ({ consultations: [consultation('c3')] });
    act(() => server.receive('connect'));
    await waitFor(() => expect(ids(result.current.queue)).toEqual(['c3']));
    expect(result.current.error).toBeNull();
  });
});
