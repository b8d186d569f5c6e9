import { resetPasswordSchema, type PublicUser } from '@telehealth/shared';
import { useState, type FormEvent } from 'react';
import { Dialog } from '../../../components/ui/dialog';
import { FormAlert } from '../../../components/ui/form-alert';
import { TextField } from '../../../components/ui/text-field';
import { describeError } from '../../../lib/error-message';
import { fieldErrorsFromIssues } from '../../../lib/form-errors';
import { resetPassword } from '../api/reset-password';

interface ResetPasswordDialogProps {
  user: PublicUser;
  onDone: () => void;
  onClose: () => void;
}

/** Sets a new password for someone; their sessions end, so they sign in again with it. */
export function ResetPasswordDialog({ user, onDone, onClose }: ResetPasswordDialogProps) {
  const [error, setError] = useState<string | null>(null);
  const [passwordError, setPasswordError] = useState<string | undefined>();
  const [saving, setSaving] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const parsed = resetPasswordSchema.safeParse(Object.fromEntries(new FormData(event.currentTarget)));
    if (!parsed.success) return setPasswordError(fieldErrorsFromIssues(parsed.error).password);
    setPasswordError(undefined);
    setSaving(true);
    setError(null);
    try {
      await resetPassword(user.id, parsed.data.password);
      onDone();
    } catch (failure) {
      setError(describeError(failure));
      setSaving(false);
    }
  }

  return (
    <Dialog title={`Reset password for ${user.name}`} onClose={onClose}>
      <form className="form" noValidate onSubmit={(event) => void submit(event)}>
        <p>They will be signed out everywhere and need this new password to sign in.</p>
        <TextField
          label="New password"
          name="password"
          type="password"
          autoComplete="new-password"
          hint="At least 8 characters."
          required
          error={passwordError}
          autoFocus
        />
        <FormAlert message={error} />
        <div className="dialog-actions">
          <button type="button" className="button button-quiet" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="button button-primary" disabled={saving}>
            {saving ? 'Saving…' : 'Set new password'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
