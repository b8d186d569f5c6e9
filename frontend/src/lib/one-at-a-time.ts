/**
 * Runs `task` one call at a time. A call made while a run is under way does not start another: it
 * waits for one follow-up run that starts when the current one ends, shared by every call made
 * meanwhile. So the answer a caller gets always started after they asked (as fresh as calling
 * `task` directly), and a burst of calls costs two runs, not one each.
 *
 * Why: the conversation list is fetched again whenever a message arrives from a conversation it
 * does not show yet. On a slow server a burst of such messages was a request each, and they filled
 * the browser's six connections to the server, holding up everything else the page asked for (a
 * call's setup included).
 */
export function oneAtATime<T>(task: () => Promise<T>): () => Promise<T> {
  let running: Promise<T> | null = null;
  let next: Promise<T> | null = null;

  function start(): Promise<T> {
    const run = task().finally(() => {
      if (running === run) running = null;
    });
    running = run;
    return run;
  }

  return () => {
    if (!running) return start();
    next ??= running.then(
      () => undefined,
      () => undefined,
    ).then(() => {
      next = null;
      return start();
    });
    return next;
  };
}
