import { registerSchema } from '@telehealth/shared';
import { Link } from 'react-router-dom';
import { FormAlert } from '../../../components/ui/form-alert';
import { TextField } from '../../../components/ui/text-field';
import { useAuth } from '../context/auth-context';
import { useSchemaForm } from '../../../lib/use-schema-form';
import { AuthLayout } from './auth-layout';

/** Registration: always a patient account (doctors and admins are created by an admin). */
export function RegisterPage() {
  const { register } = useAuth();
  const { fieldErrors, formError, submitting, onSubmit } = useSchemaForm({ schema: registerSchema, submit: register });

  return (
    <AuthLayout title="Create an account">
      <form className="form" noValidate onSubmit={onSubmit}>
        <TextField label="Name" name="name" autoComplete="name" required error={fieldErrors.name} />
        <TextField label="Email" name="email" type="email" autoComplete="email" required error={fieldErrors.email} />
        <TextField
          label="Password"
          name="password"
          type="password"
          autoComplete="new-password"
          hint="At least 8 characters."
          required
          minLength={8}
          error={fieldErrors.password}
        />
        <FormAlert message={formError} />
        <button type="submit" className="button button-primary" disabled={submitting}>
          {submitting ? 'Creating account…' : 'Create account'}
        </button>
      </form>
      <p className="auth-switch">
        Already registered? <Link to="/login">Sign in</Link>
      </p>
    </AuthLayout>
  );
}
