/**
 * Runs `task` one call at a time. A call made while a run is under way does not start another: it
 * waits for one follow-up run that starts when the current one ends, shared by every call made
 * meanwhile. So the answer a caller gets always started after they asked (as fresh as calling
 * `task` directly), and a burst of calls costs two runs, not one each.
 *
 * Used by the browser for the conversation list (a message from a conversation the list does not
 * show yet fetches it again: on a slow server a burst of them was a request each, filling the
 * browser's six connections and holding up a call's setup) and by the server for the queue's
 * broadcasts (a burst of changes shares the next broadcast).
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
    next ??= running
      .then(
        () => undefined,
        () => undefined,
      )
      .then(() => {
        next = null;
        return start();
      });
    return next;
  };
}
