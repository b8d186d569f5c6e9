/**
 * A pause between retries, as a client backs off. Not a way to wait for something to happen:
 * wait on the event, or poll the condition with `expect.poll` / `vi.waitFor`.
 */
export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
