/** Time as the backend sees it; tests pass a fake one to move past timeouts without waiting. */
export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };
