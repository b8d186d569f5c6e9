import { createStaffSchema, type PublicUser } from '@telehealth/shared';
import { useState } from 'react';
import { FormAlert } from '../../../components/ui/form-alert';
import { SelectField } from '../../../components/ui/select-field';
import { TextField } from '../../../components/ui/text-field';
import { useSchemaForm } from '../../../lib/use-schema-form';
import { createStaff } from '../api/create-staff';

/** A new doctor or admin account, checked with the same schema the server uses. */
export function CreateStaffForm({ onCreated }: { onCreated: (user: PublicUser) => void }) {
  const [role, setRole] = useState<'doctor' | 'admin'>('doctor');
  const { fieldErrors, formError, submitting, onSubmit } = useSchemaForm({
    schema: createStaffSchema,
    // An empty specialty is no specialty; an admin has none at all.
    values: ({ specialty, ...fields }) => ({
      ...fields,
      ...(fields.role === 'doctor' && typeof specialty === 'string' && specialty.trim() ? { specialty } : {}),
    }),
    submit: async (input, form) => {
      const { user } = await createStaff(input);
      form.reset();
      setRole('doctor');
      onCreated(user);
    },
  });

  return (
    <section className="card" aria-labelledby="create-heading">
      <h2 id="create-heading">Create a staff account</h2>
      <form className="form form-grid" noValidate onSubmit={onSubmit}>
        <SelectField
          label="Role"
          name="role"
          value={role}
          onChange={(event) => setRole(event.target.value === 'admin' ? 'admin' : 'doctor')}
          options={[
            { value: 'doctor', label: 'Doctor' },
            { value: 'admin', label: 'Admin' },
          ]}
          error={fieldErrors.role}
        />
        <TextField label="Full name" name="name" autoComplete="off" required error={fieldErrors.name} />
        <TextField label="Email address" name="email" type="email" autoComplete="off" required error={fieldErrors.email} />
        <TextField
          label="Initial password"
          name="password"
          type="password"
          autoComplete="new-password"
          hint="At least 8 characters. Share it privately; they can change it after signing in."
          required
          error={fieldErrors.password}
        />
        {role === 'doctor' && (
          <TextField label="Specialty" name="specialty" hint="Optional, e.g. Cardiology." error={fieldErrors.specialty} />
        )}
        <FormAlert message={formError} />
        <button type="submit" className="button button-primary" disabled={submitting}>
          {submitting ? 'Creating…' : 'Create account'}
        </button>
      </form>
    </section>
  );
}
