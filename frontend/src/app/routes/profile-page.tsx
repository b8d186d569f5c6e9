import { useToast } from '../../components/ui/toast-context';
import { useAuth } from '../../features/auth';
import { AvatarUpload, PasswordForm, ProfileForm } from '../../features/profile';
import { Page } from './page';

/** The signed-in user's profile: picture, details, and what only they and admins see. */
export function ProfilePage() {
  const { user, refresh } = useAuth();
  const { show } = useToast();
  if (!user) return null;

  // The header shows the name from the session; asking again keeps it in step with the edit.
  const saved = (message: string) => {
    show(message, 'success');
    void refresh();
  };

  return (
    <Page title="Your profile">
      <dl className="details">
        {user.email && (
          <>
            <dt>Email</dt>
            <dd>{user.email}</dd>
          </>
        )}
        <dt>Role</dt>
        <dd className="capitalize">{user.role}</dd>
      </dl>
      <div className="profile-layout">
        <div className="card">
          <AvatarUpload user={user} onUploaded={() => saved('Your picture was updated')} />
        </div>
        <div className="card">
          <ProfileForm key={user.id} user={user} onSaved={() => saved('Your profile was saved')} />
        </div>
        <div className="card">
          <PasswordForm onChanged={() => show('Your password was changed. Your other devices were signed out.', 'success')} />
        </div>
      </div>
    </Page>
  );
}
