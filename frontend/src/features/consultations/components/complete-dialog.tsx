import { completeConsultationSchema, type Consultation } from '@telehealth/shared';
import { FormDialog } from '../../../components/ui/form-dialog';
import { TextAreaField } from '../../../components/ui/text-area-field';
import { useSchemaForm } from '../../../lib/use-schema-form';

interface CompleteDialogProps {
  consultation: Consultation;
  onComplete: (notes: string) => Promise<void>;
  onClose: () => void;
}

/** Ends a consultation with notes the patient will read. */
export function CompleteDialog({ consultation, onComplete, onClose }: CompleteDialogProps) {
  const { fieldErrors, formError, submitting, onSubmit } = useSchemaForm({
    schema: completeConsultationSchema,
    submit: ({ notes }) => onComplete(notes ?? ''),
  });

  return (
    <FormDialog
      title={`Complete consultation with ${consultation.patient.name}`}
      onClose={onClose}
      onSubmit={onSubmit}
      error={formError}
      submitting={submitting}
      submitLabel="Complete consultation"
      submittingLabel="Completing…"
    >
      <TextAreaField
        label="Notes for the patient"
        name="notes"
        hint="Optional. The patient can read these with their past consultations."
        maxLength={5000}
        rows={6}
        error={fieldErrors.notes}
        autoFocus
      />
    </FormDialog>
  );
}
