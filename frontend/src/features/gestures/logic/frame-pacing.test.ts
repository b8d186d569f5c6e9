import { describe, expect, it } from 'vitest';
import { PACING, afterDecision, afterFailure, afterResult, decideFrame, initialPacing, type PacingState } from './frame-pacing';

/** Sends a frame at `now` and gets its result after `recognitionMs`. */
const recognised = (state: PacingState, now: number, recognitionMs: number) =>
  afterResult(afterDecision(state, decideFrame(state, now), now), recognitionMs);

describe('frame dropping: never a queue', () => {
  it('the first frame goes at once', () => {
    expect(decideFrame(initialPacing(), 0)).toBe('send');
  });

  it('while the worker is busy a due frame is dropped, not kept', () => {
    const busy = afterDecision(initialPacing(), 'send', 0);
    expect(busy.busy).toBe(true);
    expect(decideFrame(busy, 200)).toBe('drop');
    const after = afterDecision(busy, 'drop', 200);
    expect(after).toMatchObject({ dropped: 1, sent: 1, lastSentAt: 0, busy: true });
  });

  it('a frame not due yet waits, busy or not', () => {
    const busy = afterDecision(initialPacing(), 'send', 0);
    expect(decideFrame(busy, PACING.minIntervalMs - 1)).toBe('wait');
    expect(decideFrame(afterFailure(busy), PACING.minIntervalMs - 1)).toBe('wait');
  });

  it('once the worker answers, the next due frame goes at once (no full interval lost to the drop)', () => {
    let state = afterDecision(initialPacing(), 'send', 0);
    state = afterDecision(state, decideFrame(state, 100), 100); // dropped
    state = afterResult(state, 120);
    expect(decideFrame(state, 181)).toBe('send');
  });

  it('a failed frame frees the worker', () => {
    expect(afterFailure(afterDecision(initialPacing(), 'send', 0)).busy).toBe(false);
  });
});

describe('rate adaptation: the interval follows the measured recognition time', () => {
  it('fast recognition: the interval stays at the floor (~15 a second)', () => {
    let state = initialPacing();
    for (let t = 0; t < 2_000; t += 70) state = recognised(state, t, 20);
    expect(state.intervalMs).toBe(PACING.minIntervalMs);
  });

  it('60 ms a frame (this machine): about 90 ms between frames, leaving a third of the time idle', () => {
    let state = initialPacing();
    for (let t = 0; t < 5_000; t += 100) state = recognised(state, t, 60);
    expect(state.averageMs).toBeCloseTo(60, 5);
    expect(state.intervalMs).toBeCloseTo(60 * PACING.headroom, 5);
  });

  it('a slow machine is bounded: never slower than the ceiling', () => {
    let state = initialPacing();
    for (let t = 0; t < 10_000; t += 400) state = recognised(state, t, 400);
    expect(state.intervalMs).toBe(PACING.maxIntervalMs);
  });

  it('one slow frame moves the interval only part of the way (smoothed), and it recovers', () => {
    let state = initialPacing();
    for (let t = 0; t < 3_000; t += 100) state = recognised(state, t, 60);
    const spiked = afterResult(afterDecision(state, 'send', 3_000), 300);
    expect(spiked.intervalMs).toBeGreaterThan(state.intervalMs);
    expect(spiked.intervalMs).toBeLessThan(300 * PACING.headroom);
    let back = spiked;
    for (let t = 3_300; t < 6_000; t += 100) back = recognised(back, t, 60);
    expect(back.intervalMs).toBeCloseTo(90, 0);
  });

  it('a nonsense measurement frees the worker but does not move the interval', () => {
    const state = recognised(initialPacing(), 0, 60);
    const next = afterResult(afterDecision(state, 'send', 200), Number.NaN);
    expect(next).toMatchObject({ busy: false, intervalMs: state.intervalMs, averageMs: state.averageMs });
  });
});
