import type { PublicUser } from '@telehealth/shared';
import { ConfirmDialog } from '../../../components/ui/confirm-dialog';
import { roleLabel, type PendingChange } from '../logic/account-change';
import { ResetPasswordDialog } from './reset-password-dialog';

interface PendingChangeDialogProps {
  pending: PendingChange;
  /** makes a role or status change; the dialog shows the error if it throws */
  apply: (change: Exclude<PendingChange, { kind: 'password' }>) => Promise<void>;
  /** the password was reset (the dialog did it) */
  onPasswordReset: (user: PublicUser) => void;
  onClose: () => void;
}

/** "Are you sure?" for a role or status change, or the new password for a reset. */
export function PendingChangeDialog({ pending, apply, onPasswordReset, onClose }: PendingChangeDialogProps) {
  switch (pending.kind) {
    case 'role':
      return (
        <ConfirmDialog
          title={`Change ${pending.user.name}'s role?`}
          confirmLabel={`Make ${roleLabel(pending.role).toLowerCase()}`}
          onClose={onClose}
          onConfirm={() => apply(pending)}
        >
          <p>
            {pending.user.name} goes from {pending.user.role} to {pending.role}. Their open sessions will see the new role on
            their next request.
          </p>
        </ConfirmDialog>
      );
    case 'active':
      return (
        <ConfirmDialog
          title={pending.active ? `Reactivate ${pending.user.name}?` : `Deactivate ${pending.user.name}?`}
          confirmLabel={pending.active ? 'Reactivate' : 'Deactivate'}
          tone={pending.active ? 'default' : 'danger'}
          onClose={onClose}
          onConfirm={() => apply(pending)}
        >
          <p>
            {pending.active
              ? 'They will be able to sign in again.'
              : 'They are signed out everywhere at once and cannot sign in until reactivated. A waiting consultation request is cancelled.'}
          </p>
        </ConfirmDialog>
      );
    case 'password':
      return <ResetPasswordDialog user={pending.user} onClose={onClose} onDone={() => onPasswordReset(pending.user)} />;
  }
}
