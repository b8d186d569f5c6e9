import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { ToastContext, type ToastTone } from './toast-context';

interface Toast {
  id: number;
  message: string;
  tone: ToastTone;
}

/** Long enough to read a sentence twice; errors stay until dismissed or replaced by newer ones. */
const TOAST_MS = 6_000;
const MAX_TOASTS = 3;

/**
 * Holds the toasts and renders them in one live region. The region is always in the page, empty
 * or not, because screen readers only announce changes to a region they already know about.
 *
 * It sits at the top of the page's content, in its flow: a toast pushes the page down rather than
 * covering it, so it never hides the button, form or message it is about (floating in a corner it
 * covered the composer's Send button). Scrolled down, it stays in view at the top (sticky).
 */
export function ToastProvider({ children }: { children: ReactNode }) {
  const [toasts, setToasts] = useState<Toast[]>([]);
  const nextId = useRef(0);
  const timers = useRef(new Map<number, ReturnType<typeof setTimeout>>());

  const dismiss = useCallback((id: number) => {
    clearTimeout(timers.current.get(id));
    timers.current.delete(id);
    setToasts((current) => current.filter((toast) => toast.id !== id));
  }, []);

  const show = useCallback(
    (message: string, tone: ToastTone = 'info') => {
      nextId.current += 1;
      const id = nextId.current;
      setToasts((current) => [...current, { id, message, tone }].slice(-MAX_TOASTS));
      if (tone !== 'error')
        timers.current.set(
          id,
          setTimeout(() => dismiss(id), TOAST_MS),
        );
    },
    [dismiss],
  );

  useEffect(() => {
    const pending = timers.current;
    return () => {
      for (const timer of pending.values()) clearTimeout(timer);
    };
  }, []);

  const value = useMemo(() => ({ show }), [show]);
  return (
    <ToastContext value={value}>
      <div className="toasts" role="status" aria-live="polite" aria-label="Notifications">
        {toasts.map((toast) => (
          <div key={toast.id} className="toast" data-tone={toast.tone}>
            <p>{toast.message}</p>
            <button type="button" className="toast-dismiss" onClick={() => dismiss(toast.id)}>
              <span aria-hidden="true">×</span>
              <span className="visually-hidden">Dismiss</span>
            </button>
          </div>
        ))}
      </div>
      {children}
    </ToastContext>
  );
}
