import { useCallback, useRef, useState, type RefObject } from 'react';
import { checkAttachment } from '../logic/attachment-check';

export interface AttachmentPick {
  /** the file that will go with the message: only one whose bytes passed the check */
  file: File | null;
  /** why the file picked last was refused, in words for the person sending it */
  problem: string | null;
  /** the hidden `<input type="file">` the attach button opens */
  inputRef: RefObject<HTMLInputElement | null>;
  /** a file chosen in the picker: checked, then attached or refused */
  choose: (chosen: File | undefined) => Promise<void>;
  /** puts a file (or the reason it was left out) back, as a refused message had it */
  put: (file: File | null, problem: string | null) => void;
  /** the "Remove attachment" button */
  remove: () => void;
  /** the message went: no file, no refusal */
  clear: () => void;
}

/**
 * The composer's file: checked by its first bytes and size when it is picked (`check`, the server's
 * own rule), so a file the server would refuse is never sent and the refusal is said at once.
 */
export function useAttachmentPick(check: (file: File) => Promise<string | null> = checkAttachment): AttachmentPick {
  const [file, setFile] = useState<File | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  // Only the latest file picked counts, if an earlier one's check finishes after it.
  const checkingRef = useRef(0);

  const choose = useCallback(
    async (chosen: File | undefined) => {
      // Emptied, so picking the same file again still fires a change.
      if (inputRef.current) inputRef.current.value = '';
      if (!chosen) return;
      const checking = ++checkingRef.current;
      setFile(null);
      setProblem(null);
      const refusal = await check(chosen);
      if (checking !== checkingRef.current) return;
      setProblem(refusal);
      setFile(refusal ? null : chosen);
    },
    [check],
  );
  const put = useCallback((restoredFile: File | null, restoredProblem: string | null) => {
    setFile(restoredFile);
    setProblem(restoredProblem);
  }, []);
  const remove = useCallback(() => setFile(null), []);
  const clear = useCallback(() => put(null, null), [put]);

  return { file, problem, inputRef, choose, put, remove, clear };
}
