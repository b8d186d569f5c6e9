import { completeConsultationSchema, type Consultation } from '@telehealth/shared';
import { useState, type FormEvent } from 'react';
import { Dialog } from '../../../components/ui/dialog';
import { FormAlert } from '../../../components/ui/form-alert';
import { TextAreaField } from '../../../components/ui/text-area-field';
import { describeError } from '../../../lib/error-message';
import { fieldErrorsFromIssues } from '../../../lib/form-errors';

interface CompleteDialogProps {
  consultation: Consultation;
  onComplete: (notes: string) => Promise<void>;
  onClose: () => void;
}

/** Ends a consultation with notes the patient will read. */
export function CompleteDialog({ consultation, onComplete, onClose }: CompleteDialogProps) {
  const [error, setError] = useState<string | null>(null);
  const [notesError, setNotesError] = useState<string | undefined>();
  const [saving, setSaving] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const parsed = completeConsultationSchema.safeParse(Object.fromEntries(new FormData(event.currentTarget)));
    if (!parsed.success) return setNotesError(fieldErrorsFromIssues(parsed.error).notes);
    setNotesError(undefined);
    setSaving(true);
    setError(null);
    try {
      await onComplete(parsed.data.notes ?? '');
    } catch (failure) {
      setError(describeError(failure));
      setSaving(false);
    }
  }

  return (
    <Dialog title={`Complete consultation with ${consultation.patient.name}`} onClose={onClose}>
      <form className="form" noValidate onSubmit={(event) => void submit(event)}>
        <TextAreaField
          label="Notes for the patient"
          name="notes"
          hint="Optional. The patient can read these with their past consultations."
          maxLength={5000}
          rows={6}
          error={notesError}
          autoFocus
        />
        <FormAlert message={error} />
        <div className="dialog-actions">
          <button type="button" className="button button-quiet" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button button-primary" disabled={saving}>
            {saving ? 'Completing…' : 'Complete consultation'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
