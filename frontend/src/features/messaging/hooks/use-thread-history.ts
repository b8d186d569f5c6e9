import type { Message } from '@telehealth/shared';
import { useCallback, useEffect, useRef, useState, type RefObject } from 'react';
import { describeError } from '../../../lib/error-message';
import { useLatest } from '../../../lib/use-latest';
import type { MessageActions } from '../context/message-context';

const HIGHLIGHT_MS = 2_500;
/** Pages of history read at most to find the message a reply quotes. */
const MAX_PAGES_TO_FIND = 20;

/** Older pages of a thread, one at a time; a failure is told through `onError` and adds nothing. */
export function useOlderPages(actions: Pick<MessageActions, 'loadOlder'>, partnerId: string, onError: (message: string) => void) {
  const [loadingOlder, setLoadingOlder] = useState(false);
  const loadOlder = useCallback(async () => {
    setLoadingOlder(true);
    try {
      return await actions.loadOlder(partnerId);
    } catch (error) {
      onError(describeError(error));
      return [];
    } finally {
      setLoadingOlder(false);
    }
  }, [actions, partnerId, onError]);
  return { loadingOlder, loadOlder };
}

export interface JumpOptions {
  /** the thread's loaded messages */
  messages: readonly Message[] | undefined;
  /** loads the page before the oldest; resolves with the ids it added */
  loadOlder: () => Promise<string[]>;
  /** the list, which scrolls to a rendered message (false while it is not rendered yet) */
  listRef: RefObject<{ scrollToMessage(messageId: string): boolean } | null>;
  /** changes whenever the list's rows do, so a pending jump is tried again once they render */
  rows: unknown;
  /** an error message to show, or null to clear the last one */
  onError: (message: string | null) => void;
}

/**
 * Pressing a reply's quote: loads older pages until the quoted message is there (or history ends),
 * scrolls to it once it is rendered, and highlights it for a moment.
 */
export function useJumpToMessage({ messages, loadOlder, listRef, rows, onError }: JumpOptions) {
  const [highlightedId, setHighlightedId] = useState<string | null>(null);
  // Where to scroll once the message is rendered into the list (it may need older pages first).
  const targetRef = useRef<string | null>(null);
  useEffect(() => {
    const target = targetRef.current;
    if (target && listRef.current?.scrollToMessage(target)) targetRef.current = null;
  }, [rows, highlightedId, listRef]);

  const jumpTo = useCallback(
    async (messageId: string) => {
      onError(null);
      let loaded = messages?.some((message) => message.id === messageId) ?? false;
      for (let page = 0; !loaded && page < MAX_PAGES_TO_FIND; page += 1) {
        const added = await loadOlder();
        if (added.length === 0) break;
        loaded = added.includes(messageId);
      }
      if (!loaded) {
        onError('The original message is no longer available.');
        return;
      }
      targetRef.current = messageId;
      setHighlightedId(messageId);
      setTimeout(() => setHighlightedId((current) => (current === messageId ? null : current)), HIGHLIGHT_MS);
    },
    [messages, loadOlder, onError],
  );
  return { highlightedId, jumpTo };
}

export interface MatchJumpOptions extends Pick<JumpOptions, 'messages' | 'loadOlder'> {
  /** useJumpToMessage's jump: scrolls to a loaded message and highlights it */
  jumpTo: (messageId: string) => Promise<void>;
  /** told once when history ends (or the page limit is reached) without a match */
  onNotFound: () => void;
}

interface MatchSearch {
  target: string;
  pages: number;
  loading: boolean;
  done: boolean;
}

/**
 * Opening a thread at a place named by what it is, not by a message id (a link to where a
 * consultation started): loads older pages until a loaded message matches `target`, then jumps to
 * it as a quote does. Unlike useJumpToMessage it reads the messages each render brings, since a
 * page's ids alone cannot tell whether it holds the match. `target` null: nothing to look for;
 * each target is looked for once.
 */
export function useJumpToMatch(
  target: string | null,
  matches: (message: Message, target: string) => boolean,
  { messages, loadOlder, jumpTo, onNotFound }: MatchJumpOptions,
) {
  const search = useRef<MatchSearch | null>(null);
  // A page that came while this render's messages were current: look again once it is rendered.
  const [pagesLoaded, setPagesLoaded] = useState(0);
  const latest = useLatest({ matches, onNotFound });

  useEffect(() => {
    if (target === null || messages === undefined) return;
    if (search.current?.target !== target) search.current = { target, pages: 0, loading: false, done: false };
    const current = search.current;
    if (current.done || current.loading) return;
    const found = messages.find((message) => latest.current.matches(message, target));
    if (found || current.pages >= MAX_PAGES_TO_FIND) {
      current.done = true;
      if (found) void jumpTo(found.id);
      else latest.current.onNotFound();
      return;
    }
    current.loading = true;
    void loadOlder().then((added) => {
      current.loading = false;
      current.pages += 1;
      if (added.length > 0) setPagesLoaded((count) => count + 1);
      else {
        current.done = true;
        latest.current.onNotFound();
      }
    });
  }, [target, messages, pagesLoaded, loadOlder, jumpTo, latest]);
}

/** The system entry where consultation `consultationId` started. */
export function startsConsultation(message: Message, consultationId: string): boolean {
  return message.system?.event === 'consultation-started' && message.system.consultationId === consultationId;
}

/** `?consultation=<id>` (a past consultation's link): the thread opens where that consultation started. */
export function useJumpToConsultation(
  consultationId: string | null,
  { onError, ...options }: Omit<MatchJumpOptions, 'onNotFound'> & Pick<JumpOptions, 'onError'>,
) {
  useJumpToMatch(consultationId, startsConsultation, {
    ...options,
    onNotFound: () => onError('The start of this consultation is no longer in the conversation.'),
  });
}
