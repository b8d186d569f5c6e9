import { loginSchema } from '@telehealth/shared';
import { Link } from 'react-router-dom';
import { FormAlert } from '../../../components/ui/form-alert';
import { TextField } from '../../../components/ui/text-field';
import type { ApiError } from '../../../lib/api-client';
import { useAuth } from '../context/auth-context';
import { useAuthForm } from '../hooks/use-auth-form';
import { AuthLayout } from './auth-layout';

function describeLoginError(error: ApiError): string | undefined {
  // One message for an unknown email and a wrong password: which one it was is not for us to tell.
  if (error.code === 'INVALID_CREDENTIALS') return 'Email or password is incorrect';
  return undefined;
}

/** Sign in. Where to go next is decided by the route guard once the user is known. */
export function LoginPage() {
  const { login } = useAuth();
  const { fieldErrors, formError, submitting, onSubmit } = useAuthForm({
    schema: loginSchema,
    submit: login,
    describe: describeLoginError,
  });

  return (
    <AuthLayout title="Sign in">
      <form className="form" noValidate onSubmit={onSubmit}>
        <TextField label="Email" name="email" type="email" autoComplete="email" required error={fieldErrors.email} />
        <TextField
          label="Password"
          name="password"
          type="password"
          autoComplete="current-password"
          required
          error={fieldErrors.password}
        />
        <FormAlert message={formError} />
        <button type="submit" className="button button-primary" disabled={submitting}>
          {submitting ? 'Signing in…' : 'Sign in'}
        </button>
      </form>
      <p className="auth-switch">
        New here? <Link to="/register">Create an account</Link>
      </p>
    </AuthLayout>
  );
}
