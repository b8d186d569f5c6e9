import { resetPasswordSchema, type PublicUser } from '@telehealth/shared';
import { FormDialog } from '../../../components/ui/form-dialog';
import { TextField } from '../../../components/ui/text-field';
import { useSchemaForm } from '../../../lib/use-schema-form';
import { resetPassword } from '../api/reset-password';

interface ResetPasswordDialogProps {
  user: PublicUser;
  onDone: () => void;
  onClose: () => void;
}

/** Sets a new password for someone; their sessions end, so they sign in again with it. */
export function ResetPasswordDialog({ user, onDone, onClose }: ResetPasswordDialogProps) {
  const { fieldErrors, formError, submitting, onSubmit } = useSchemaForm({
    schema: resetPasswordSchema,
    submit: async ({ password }) => {
      await resetPassword(user.id, password);
      onDone();
    },
  });

  return (
    <FormDialog
      title={`Reset password for ${user.name}`}
      onClose={onClose}
      onSubmit={onSubmit}
      error={formError}
      submitting={submitting}
      submitLabel="Set new password"
      submittingLabel="Saving…"
    >
      <p>They will be signed out everywhere and need this new password to sign in.</p>
      <TextField
        label="New password"
        name="password"
        type="password"
        autoComplete="new-password"
        hint="At least 8 characters."
        required
        error={fieldErrors.password}
        autoFocus
      />
    </FormDialog>
  );
}
