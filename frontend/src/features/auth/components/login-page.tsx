import { loginSchema, type SessionEndReason } from '@telehealth/shared';
import { Link } from 'react-router-dom';
import { FormAlert } from '../../../components/ui/form-alert';
import { TextField } from '../../../components/ui/text-field';
import type { ApiError } from '../../../lib/api-client';
import { useAuth } from '../context/auth-context';
import { useSchemaForm } from '../../../lib/use-schema-form';
import { AuthLayout } from './auth-layout';

function describeLoginError(error: ApiError): string | undefined {
  // One message for an unknown email and a wrong password: which one it was is not for us to tell.
  if (error.code === 'INVALID_CREDENTIALS') return 'Email or password is incorrect';
  return undefined;
}

/** Why the server signed this person out, in their words (the sign-in answer itself stays as it is). */
const SIGNED_OUT_NOTICE: Record<SessionEndReason, string> = {
  deactivated: 'Your account was deactivated; contact the clinic.',
  expired: 'Your session timed out. Please sign in again.',
  revoked: 'You were signed out: your password was changed, or you signed out on another device.',
};

/** Sign in. Where to go next is decided by the route guard once the user is known. */
export function LoginPage() {
  const { login, signedOutBecause } = useAuth();
  const { fieldErrors, formError, submitting, onSubmit } = useSchemaForm({
    schema: loginSchema,
    submit: login,
    describe: describeLoginError,
  });

  return (
    <AuthLayout title="Sign in">
      {signedOutBecause && (
        <p className="form-notice" role="status">
          {SIGNED_OUT_NOTICE[signedOutBecause]}
        </p>
      )}
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
