// @vitest-environment jsdom
import { act, renderHook } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { ThreadItem } from '../logic/outbox';
import { DOCTOR, ME, message } from '../logic/test-fixtures';
import { useThreadFollow } from './use-thread-follow';

const item = (n: number, senderId = DOCTOR): ThreadItem => ({
  key: `k${n}`,
  message: message(n, { senderId }),
  status: null,
  pending: null,
});

/** A scroller 1000px high showing 100px, scrolled to `scrollTop`, with its scroll event sent. */
function scrollTo(scroller: HTMLElement, scrollTop: number) {
  Object.defineProperty(scroller, 'scrollTop', { value: scrollTop, configurable: true });
  scroller.dispatchEvent(new Event('scroll'));
}

function setup(initial: ThreadItem[]) {
  const scroller = document.createElement('div');
  Object.defineProperties(scroller, { scrollHeight: { value: 1000 }, clientHeight: { value: 100 } });
  Object.defineProperty(scroller, 'scrollTop', { value: 900, configurable: true });
  const hook = renderHook((items: ThreadItem[]) => useThreadFollow(items, ME), { initialProps: initial });
  act(() => hook.result.current.scrollerRef(scroller));
  return { ...hook, scroller };
}

describe('useThreadFollow', () => {
  it('a reader at the bottom follows: new messages are shown, none counted as unseen', () => {
    const { result, rerender } = setup([item(1)]);
    rerender([item(1), item(2)]);
    expect([result.current.following, result.current.unseen, result.current.followOutput()]).toEqual([true, 0, 'auto']);
  });

  it('one who scrolled up sees the partner’s new messages counted (not mine), until back at the bottom', () => {
    const { result, rerender, scroller } = setup([item(1)]);
    act(() => scrollTo(scroller, 400));
    expect([result.current.following, result.current.followOutput()]).toEqual([false, false]);
    rerender([item(1), item(2), item(3, ME), item(4)]);
    expect(result.current.unseen).toBe(2);
    act(() => result.current.setFollowing(true));
    expect([result.current.following, result.current.unseen]).toEqual([true, 0]);
  });
});
