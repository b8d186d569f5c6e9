// The profile feature's public face: the profile route composes these with the signed-in user.
export { ProfileForm } from './components/profile-form';
export { AvatarUpload } from './components/avatar-upload';
export { PasswordForm } from './components/password-form';
