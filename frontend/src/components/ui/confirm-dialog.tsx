import { useState, type ReactNode } from 'react';
import { describeError } from '../../lib/error-message';
import { Dialog } from './dialog';
import { FormAlert } from './form-alert';

interface ConfirmDialogProps {
  title: string;
  children: ReactNode;
  confirmLabel: string;
  /** danger: the confirm button says it cannot easily be undone */
  tone?: 'default' | 'danger';
  /** runs on confirm; the dialog stays open with the error in words if it throws */
  onConfirm: () => Promise<void>;
  onClose: () => void;
}

/** "Are you sure?" with the outcome: busy while the request runs, the error in words if it fails. */
export function ConfirmDialog({ title, children, confirmLabel, tone = 'default', onConfirm, onClose }: ConfirmDialogProps) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function confirm() {
    setBusy(true);
    setError(null);
    try {
      await onConfirm();
    } catch (failure) {
      setError(describeError(failure));
      setBusy(false);
    }
  }

  return (
    <Dialog title={title} onClose={onClose}>
      <div className="dialog-body">{children}</div>
      <FormAlert message={error} />
      <div className="dialog-actions">
        <button type="button" className="button button-quiet" onClick={onClose} autoFocus>
          Cancel
        </button>
        <button
          type="button"
          className={tone === 'danger' ? 'button button-danger' : 'button button-primary'}
          disabled={busy}
          onClick={() => void confirm()}
        >
          {confirmLabel}
        </button>
      </div>
    </Dialog>
  );
}
