import type { PublicUser } from '@telehealth/shared';
import { useId, useState, type ChangeEvent } from 'react';
import { Avatar } from '../../../components/ui/avatar';
import { FormAlert } from '../../../components/ui/form-alert';
import { uploadAvatar } from '../api/upload-avatar';
import { AVATAR_LIMIT_WORDS, AVATAR_TYPES, checkAvatarFile, describeAvatarError } from '../logic/avatar-file';

interface AvatarUploadProps {
  user: PublicUser;
  onUploaded: (user: PublicUser) => void;
}

/** The user's picture and a file input to replace it; problems are explained in words. */
export function AvatarUpload({ user, onUploaded }: AvatarUploadProps) {
  const inputId = useId();
  const [error, setError] = useState<string | null>(null);
  const [uploading, setUploading] = useState(false);

  async function onChange(event: ChangeEvent<HTMLInputElement>) {
    const input = event.currentTarget;
    const file = input.files?.[0];
    if (!file) return;
    setError(null);
    const problem = await checkAvatarFile(file);
    if (problem) {
      setError(problem);
      input.value = '';
      return;
    }
    setUploading(true);
    try {
      const answer = await uploadAvatar(file);
      onUploaded(answer.user);
    } catch (failure) {
      setError(describeAvatarError(failure));
    } finally {
      setUploading(false);
      input.value = '';
    }
  }

  return (
    <section className="avatar-upload" aria-labelledby={`${inputId}-heading`}>
      <h2 id={`${inputId}-heading`}>Picture</h2>
      <Avatar name={user.name} avatarUrl={user.avatarUrl} size="large" />
      <div className="field">
        <label htmlFor={inputId}>{user.avatarUrl ? 'Change picture' : 'Add a picture'}</label>
        <p className="field-hint" id={`${inputId}-hint`}>
          {`A photo (PNG, JPEG or WebP), up to ${AVATAR_LIMIT_WORDS}.`}
        </p>
        <input
          id={inputId}
          type="file"
          accept={AVATAR_TYPES.join(',')}
          aria-describedby={`${inputId}-hint`}
          disabled={uploading}
          onChange={(event) => void onChange(event)}
        />
      </div>
      {uploading && <p role="status">Uploading…</p>}
      <FormAlert message={error} />
    </section>
  );
}
