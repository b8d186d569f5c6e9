import { passwordChangeSchema } from '@telehealth/shared';
import { useRef } from 'react';
import { FormAlert } from '../../../components/ui/form-alert';
import { TextField } from '../../../components/ui/text-field';
import { useSchemaForm } from '../../../lib/use-schema-form';
import { changePassword } from '../api/change-password';

/** Current and new password; the server's policy explains a refused one under the field. */
export function PasswordForm({ onChanged }: { onChanged: () => void }) {
  const formRef = useRef<HTMLFormElement>(null);
  const { fieldErrors, formError, submitting, onSubmit } = useSchemaForm({
    schema: passwordChangeSchema,
    submit: async (input) => {
      await changePassword(input);
      formRef.current?.reset();
      onChanged();
    },
  });

  return (
    <form
      ref={formRef}
      className="form"
      noValidate
      onSubmit={(event) => void onSubmit(event)}
      aria-labelledby="password-form-heading"
    >
      <h2 id="password-form-heading">Password</h2>
      <TextField
        label="Current password"
        name="currentPassword"
        type="password"
        autoComplete="current-password"
        required
        error={fieldErrors.currentPassword}
      />
      <TextField
        label="New password"
        name="newPassword"
        type="password"
        autoComplete="new-password"
        required
        hint="At least 8 characters, not a common or easily guessed one. Your other devices will be signed out."
        error={fieldErrors.newPassword}
      />
      <FormAlert message={formError} />
      <button type="submit" className="button button-primary" disabled={submitting}>
        {submitting ? 'Changing…' : 'Change password'}
      </button>
    </form>
  );
}
