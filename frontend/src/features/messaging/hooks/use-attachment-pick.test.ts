// @vitest-environment jsdom
import { act, renderHook } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { useAttachmentPick } from './use-attachment-pick';

const passes = async () => null;

/** A check that answers when the test says so, to finish two checks in the order it picks. */
function controlledCheck() {
  const pending = new Map<string, (problem: string | null) => void>();
  const check = (file: File) => new Promise<string | null>((resolve) => pending.set(file.name, resolve));
  return { check, answer: (name: string, problem: string | null) => pending.get(name)!(problem) };
}

describe('useAttachmentPick', () => {
  // The judgement on the bytes is logic/attachment-check.test.ts's (in node: jsdom's Blob cannot be
  // read by file-type); here, what the composer does with its answer.
  it('attaches a file the check passes; refuses one it does not, with the sentence it gave', async () => {
    const refusal = 'This file is not a photo or a PDF, so it cannot be sent. You can send photos and PDFs up to 10 MB.';
    const check = async (file: File) => (file.name.endsWith('.txt') ? refusal : null);
    const { result } = renderHook(() => useAttachmentPick(check));
    const scan = new File(['%PDF'], 'scan.pdf');
    await act(() => result.current.choose(scan));
    expect([result.current.file, result.current.problem]).toEqual([scan, null]);

    await act(() => result.current.choose(new File(['notes'], 'notes.txt')));
    expect([result.current.file, result.current.problem]).toEqual([null, refusal]);
  });

  it('only the latest file picked counts, when an earlier check finishes after it', async () => {
    const { check, answer } = controlledCheck();
    const { result } = renderHook(() => useAttachmentPick(check));
    const first = new File(['a'], 'first.pdf');
    const second = new File(['b'], 'second.pdf');
    let picks: Promise<void>[] = [];
    act(() => void (picks = [result.current.choose(first), result.current.choose(second)]));
    await act(async () => {
      answer('second.pdf', null);
      answer('first.pdf', 'This file is empty.');
      await Promise.all(picks);
    });
    expect([result.current.file, result.current.problem]).toEqual([second, null]);
  });

  it('Remove takes the file off; a restored file comes back with its refusal; clear empties both', async () => {
    const { result } = renderHook(() => useAttachmentPick(passes));
    const scan = new File(['%PDF'], 'scan.pdf');
    await act(() => result.current.choose(scan));
    act(() => result.current.remove());
    expect(result.current.file).toBeNull();
    act(() => result.current.put(null, 'This file is empty.'));
    expect(result.current.problem).toBe('This file is empty.');
    act(() => result.current.clear());
    expect([result.current.file, result.current.problem]).toEqual([null, null]);
    await act(() => result.current.choose(undefined));
    expect(result.current.file).toBeNull();
  });
});
