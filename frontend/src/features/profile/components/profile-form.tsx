import { updateProfileSchema, type PublicUser } from '@telehealth/shared';
import { useState, type FormEvent } from 'react';
import { FormAlert } from '../../../components/ui/form-alert';
import { TextAreaField } from '../../../components/ui/text-area-field';
import { TextField } from '../../../components/ui/text-field';
import { ApiError } from '../../../lib/api-client';
import { describeError } from '../../../lib/error-message';
import { fieldErrorsFromIssues } from '../../../lib/form-errors';
import { updateProfile } from '../api/update-profile';

interface ProfileFormProps {
  user: PublicUser;
  onSaved: (user: PublicUser) => void;
}

/** Name, bio and, for doctors, specialty; checked with the server's own schema first. */
export function ProfileForm({ user, onSaved }: ProfileFormProps) {
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const isDoctor = user.role === 'doctor';

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    setFormError(null);
    const showFieldErrors = (errors: Record<string, string>) => {
      setFieldErrors(errors);
      const first = form.elements.namedItem(Object.keys(errors)[0] ?? '');
      if (first instanceof HTMLElement) first.focus();
    };
    const parsed = updateProfileSchema.safeParse(Object.fromEntries(new FormData(form)));
    if (!parsed.success) return showFieldErrors(fieldErrorsFromIssues(parsed.error));
    setFieldErrors({});
    setSaving(true);
    try {
      const answer = await updateProfile(parsed.data);
      onSaved(answer.user);
    } catch (error) {
      if (error instanceof ApiError && Object.keys(error.fieldErrors).length > 0) showFieldErrors(error.fieldErrors);
      else setFormError(describeError(error));
    } finally {
      setSaving(false);
    }
  }

  return (
    <form className="form" noValidate onSubmit={(event) => void submit(event)} aria-labelledby="profile-form-heading">
      <h2 id="profile-form-heading">Your details</h2>
      <TextField label="Name" name="name" autoComplete="name" required defaultValue={user.name} error={fieldErrors.name} />
      {isDoctor && (
        <TextField
          label="Specialty"
          name="specialty"
          defaultValue={user.specialty ?? ''}
          hint="Shown to patients choosing a doctor."
          error={fieldErrors.specialty}
        />
      )}
      <TextAreaField
        label="Bio"
        name="bio"
        defaultValue={user.bio ?? ''}
        hint={isDoctor ? 'A few words for your patients.' : 'Optional.'}
        maxLength={1000}
        error={fieldErrors.bio}
      />
      <FormAlert message={formError} />
      <button type="submit" className="button button-primary" disabled={saving}>
        {saving ? 'Saving…' : 'Save changes'}
      </button>
    </form>
  );
}
