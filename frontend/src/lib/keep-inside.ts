import { useLayoutEffect, type RefObject } from 'react';

/**
 * How far to move a box sideways so it lies inside `bounds`, with `margin` to spare: negative moves
 * it left. A box wider than the bounds is aligned to their left edge.
 */
export function shiftInside(box: { left: number; right: number }, bounds: { left: number; right: number }, margin = 8): number {
  if (box.right - box.left > bounds.right - bounds.left - 2 * margin) return bounds.left + margin - box.left;
  if (box.right > bounds.right - margin) return bounds.right - margin - box.right;
  if (box.left < bounds.left + margin) return bounds.left + margin - box.left;
  return 0;
}

/**
 * Keeps a popover (a picker, a menu) inside the element matching `within` (or the viewport) by
 * shifting it sideways once it is shown: CSS alone cannot know how close to the edge its anchor is.
 */
export function useKeepInside(ref: RefObject<HTMLElement | null>, open: boolean, within: string): void {
  useLayoutEffect(() => {
    const element = ref.current;
    if (!open || !element) return;
    element.style.translate = '';
    const container = element.closest(within)?.getBoundingClientRect() ?? { left: 0, right: window.innerWidth };
    const viewport = { left: Math.max(0, container.left), right: Math.min(window.innerWidth, container.right) };
    const shift = shiftInside(element.getBoundingClientRect(), viewport);
    if (shift !== 0) element.style.translate = `${shift}px 0`;
  }, [ref, open, within]);
}
