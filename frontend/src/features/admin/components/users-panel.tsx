import { useState } from 'react';
import { FormAlert } from '../../../components/ui/form-alert';
import { useToast } from '../../../components/ui/toast-context';
import { describeError } from '../../../lib/error-message';
import { listUsers, type UserFilters } from '../api/list-users';
import { updateAccount } from '../api/update-account';
import { usePaginated } from '../hooks/use-paginated';
import { CreateStaffForm } from './create-staff-form';
import { LoadMoreButton } from './load-more-button';
import type { PendingChange } from '../logic/account-change';
import { PendingChangeDialog } from './pending-change-dialog';
import { UserFiltersForm } from './user-filters-form';
import { UsersTable } from './users-table';

/** Accounts: find, create, change role, (de)activate, reset a password. `selfId`: the admin viewing, who cannot demote themself. */
export function UsersPanel({ selfId }: { selfId: string }) {
  const [filters, setFilters] = useState<UserFilters>({ search: '', role: '', active: '' });
  const [pending, setPending] = useState<PendingChange | null>(null);
  const { show } = useToast();
  const list = usePaginated(JSON.stringify(filters), (cursor, signal) =>
    listUsers(filters, cursor, signal).then(({ users, nextCursor }) => ({ items: users, nextCursor })),
  );

  async function apply(change: Exclude<PendingChange, { kind: 'password' }>) {
    const { user } = await updateAccount(
      change.user.id,
      change.kind === 'role' ? { role: change.role } : { active: change.active },
    );
    list.update((item) => item.id === user.id, user);
    setPending(null);
    show(
      change.kind === 'role'
        ? `${user.name} is now ${user.role === 'admin' ? 'an admin' : `a ${user.role}`}`
        : `${user.name} was ${user.active ? 'reactivated' : 'deactivated'}`,
      'success',
    );
  }

  return (
    <div className="stack">
      <CreateStaffForm
        onCreated={(user) => {
          list.prepend(user);
          show(`Account created for ${user.name}`, 'success');
        }}
      />
      <section aria-labelledby="users-heading" className="stack">
        <h2 id="users-heading">Accounts</h2>
        <UserFiltersForm filters={filters} setFilters={setFilters} />
        {list.error !== null && <FormAlert message={describeError(list.error)} />}
        {list.items === null ? (
          <p role="status">Loading accounts…</p>
        ) : list.items.length === 0 ? (
          <p className="muted">No account matches.</p>
        ) : (
          <UsersTable users={list.items} selfId={selfId} onChange={setPending} />
        )}
        <LoadMoreButton list={list} />
      </section>

      {pending && (
        <PendingChangeDialog
          pending={pending}
          apply={apply}
          onClose={() => setPending(null)}
          onPasswordReset={(user) => {
            setPending(null);
            show(`New password set for ${user.name}`, 'success');
          }}
        />
      )}
    </div>
  );
}
