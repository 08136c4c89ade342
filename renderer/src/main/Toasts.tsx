// In-app notices at the bottom of the window: the outcome of an action with
// its "Hoàn tác", a new directive, a failure. Polite live region, so a screen
// reader announces them without stealing focus.
import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Icon } from '../components/Icon.tsx';

export interface ToastInput {
  kind?: 'info' | 'error' | 'directive';
  text: string;
  /** Shown before the text (an urgency badge). */
  lead?: ReactNode;
  /** The label may be live (the composer's "Hoàn tác (9 s)" counts down). */
  action?: { label: ReactNode; run(): void; testId?: string };
  /** Milliseconds before it goes away by itself; 0 keeps it until dismissed. */
  timeout?: number;
  testId?: string;
}

interface Toast extends ToastInput {
  id: number;
}

export interface ToastApi {
  toasts: Toast[];
  push(toast: ToastInput): number;
  dismiss(id: number): void;
}

export function useToasts(): ToastApi {
  const [toasts, setToasts] = useState<Toast[]>([]);
  const next = useRef(1);
  const timers = useRef(new Map<number, ReturnType<typeof setTimeout>>());
  const dismiss = useCallback((id: number) => {
    setToasts((list) => list.filter((t) => t.id !== id));
    const timer = timers.current.get(id);
    if (timer) clearTimeout(timer);
    timers.current.delete(id);
  }, []);
  const push = useCallback(
    (toast: ToastInput) => {
      const id = next.current++;
      // At most three at a time, the oldest going first; the same notice again replaces itself.
      setToasts((list) => [...list.filter((t) => t.text !== toast.text).slice(-2), { ...toast, id }]);
      const timeout = toast.timeout ?? (toast.kind === 'error' ? 12_000 : 8_000);
      if (timeout > 0)
        timers.current.set(
          id,
          setTimeout(() => dismiss(id), timeout),
        );
      return id;
    },
    [dismiss],
  );
  useEffect(() => {
    const pending = timers.current;
    return () => pending.forEach((timer) => clearTimeout(timer));
  }, []);
  return { toasts, push, dismiss };
}

export function Toasts({ api }: { api: ToastApi }) {
  const { t } = useTranslation();
  return (
    <div className="toasts" aria-live="polite" data-testid="toasts">
      {api.toasts.map((toast) => (
        <div
          key={toast.id}
          className={`toast toast-${toast.kind ?? 'info'}`}
          role={toast.kind === 'error' ? 'alert' : 'status'}
          data-testid={toast.testId ?? 'toast'}
        >
          {toast.lead}
          <span className="toast-text" data-testid="toast-text">
            {toast.text}
          </span>
          {toast.action && (
            <>
              <span aria-hidden="true" className="toast-sep">
                —
              </span>
              <button
                type="button"
                className="btn btn-small toast-action"
                data-testid={toast.action.testId ?? 'toast-action'}
                onClick={() => {
                  api.dismiss(toast.id);
                  toast.action?.run();
                }}
              >
                {toast.action.label}
              </button>
            </>
          )}
          <button
            type="button"
            className="btn-icon toast-close"
            aria-label={t('actions.dismiss')}
            title={t('actions.dismiss')}
            onClick={() => api.dismiss(toast.id)}
          >
            <Icon name="close" />
          </button>
        </div>
      ))}
    </div>
  );
}
