import type { FormEvent, ReactNode } from 'react';
import { Dialog } from './dialog';
import { FormAlert } from './form-alert';

interface FormDialogProps {
  title: string;
  onClose: () => void;
  /** usually `useSchemaForm`'s `onSubmit` */
  onSubmit: (event: FormEvent<HTMLFormElement>) => Promise<void>;
  /** the form-level error in words, shown above the buttons */
  error: string | null;
  submitting: boolean;
  submitLabel: string;
  /** what the submit button says while the request runs: "Saving…" */
  submittingLabel: string;
  /** the fields */
  children: ReactNode;
}

/** A small form in a modal: its fields, the error if the request failed, Cancel and submit. */
export function FormDialog({
  title,
  onClose,
  onSubmit,
  error,
  submitting,
  submitLabel,
  submittingLabel,
  children,
}: FormDialogProps) {
  return (
    <Dialog title={title} onClose={onClose}>
      <form className="form" noValidate onSubmit={(event) => void onSubmit(event)}>
        {children}
        <FormAlert message={error} />
        <div className="dialog-actions">
          <button type="button" className="button button-quiet" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button button-primary" disabled={submitting}>
            {submitting ? submittingLabel : submitLabel}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
