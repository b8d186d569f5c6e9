import { useEffect, useRef } from 'react';

/** The value of the last render, for callbacks that run later (a flow after an await, a click). */
export function useLatest<T>(value: T): { readonly current: T } {
  const ref = useRef(value);
  useEffect(() => {
    ref.current = value;
  });
  return ref;
}
