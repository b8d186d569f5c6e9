import { updateProfileSchema, type PublicUser } from '@telehealth/shared';
import { FormAlert } from '../../../components/ui/form-alert';
import { TextAreaField } from '../../../components/ui/text-area-field';
import { TextField } from '../../../components/ui/text-field';
import { useSchemaForm } from '../../../lib/use-schema-form';
import { updateProfile } from '../api/update-profile';

interface ProfileFormProps {
  user: PublicUser;
  onSaved: (user: PublicUser) => void;
}

/** Name, bio and, for doctors, specialty; checked with the server's own schema first. */
export function ProfileForm({ user, onSaved }: ProfileFormProps) {
  const isDoctor = user.role === 'doctor';
  const {
    fieldErrors,
    formError,
    submitting: saving,
    onSubmit,
  } = useSchemaForm({
    schema: updateProfileSchema,
    submit: async (input) => onSaved((await updateProfile(input)).user),
  });

  return (
    <form className="form" noValidate onSubmit={(event) => void onSubmit(event)} aria-labelledby="profile-form-heading">
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
