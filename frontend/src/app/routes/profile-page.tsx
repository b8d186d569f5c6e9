import { useAuth } from '../../features/auth';
import { Page } from './page';

/** The signed-in user's profile: editing comes with the profile feature. */
export function ProfilePage() {
  const { user } = useAuth();
  if (!user) return null;
  return (
    <Page title="Your profile">
      <dl className="details">
        <dt>Name</dt>
        <dd>{user.name}</dd>
        {user.email && (
          <>
            <dt>Email</dt>
            <dd>{user.email}</dd>
          </>
        )}
        <dt>Role</dt>
        <dd className="capitalize">{user.role}</dd>
      </dl>
    </Page>
  );
}
