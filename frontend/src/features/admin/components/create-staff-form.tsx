import { createStaffSchema, type PublicUser } from '@telehealth/shared';
import { useState, type FormEvent } from 'react';
import { FormAlert } from '../../../components/ui/form-alert';
import { SelectField } from '../../../components/ui/select-field';
import { TextField } from '../../../components/ui/text-field';
import { ApiError } from '../../../lib/api-client';
import { describeError } from '../../../lib/error-message';
import { fieldErrorsFromIssues } from '../../../lib/form-errors';
import { createStaff } from '../api/create-staff';

/** A new doctor or admin account, checked with the same schema the server uses. */
export function CreateStaffForm({ onCreated }: { onCreated: (user: PublicUser) => void }) {
  const [role, setRole] = useState<'doctor' | 'admin'>('doctor');
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [formError, setFormError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    setFormError(null);
    const { specialty, ...values } = Object.fromEntries(new FormData(form)) as Record<string, string>;
    const input = { ...values, role, ...(role === 'doctor' && specialty?.trim() ? { specialty } : {}) };
    const showFieldErrors = (errors: Record<string, string>) => {
      setFieldErrors(errors);
      const first = form.elements.namedItem(Object.keys(errors)[0] ?? '');
      if (first instanceof HTMLElement) first.focus();
    };
    const parsed = createStaffSchema.safeParse(input);
    if (!parsed.success) return showFieldErrors(fieldErrorsFromIssues(parsed.error));
    setFieldErrors({});
    setSubmitting(true);
    try {
      const { user } = await createStaff(parsed.data);
      form.reset();
      setRole('doctor');
      onCreated(user);
    } catch (error) {
      if (error instanceof ApiError && Object.keys(error.fieldErrors).length > 0) showFieldErrors(error.fieldErrors);
      else setFormError(describeError(error));
    } finally {
      setSubmitting(false);
    }
  }

  return (
    <section className="card" aria-labelledby="create-heading">
      <h2 id="create-heading">Create a staff account</h2>
      <form className="form form-grid" noValidate onSubmit={(event) => void submit(event)}>
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
