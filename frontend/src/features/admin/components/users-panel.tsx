import { ROLES, type PublicUser, type Role } from '@telehealth/shared';
import { useEffect, useState } from 'react';
import { ConfirmDialog } from '../../../components/ui/confirm-dialog';
import { FormAlert } from '../../../components/ui/form-alert';
import { SelectField } from '../../../components/ui/select-field';
import { TextField } from '../../../components/ui/text-field';
import { useToast } from '../../../components/ui/toast-context';
import { describeError } from '../../../lib/error-message';
import { listUsers, type UserFilters } from '../api/list-users';
import { updateAccount } from '../api/update-account';
import { usePaginated } from '../hooks/use-paginated';
import { CreateStaffForm } from './create-staff-form';
import { ResetPasswordDialog } from './reset-password-dialog';

/** Typing pauses this long before the list is asked again. */
const SEARCH_DELAY_MS = 300;

type PendingChange =
  | { kind: 'role'; user: PublicUser; role: Role }
  | { kind: 'active'; user: PublicUser; active: boolean }
  | { kind: 'password'; user: PublicUser };

const roleLabel = (role: Role) => role[0]!.toUpperCase() + role.slice(1);

/** Accounts: find, create, change role, (de)activate, reset a password. `selfId`: the admin viewing, who cannot demote themself. */
export function UsersPanel({ selfId }: { selfId: string }) {
  const [searchText, setSearchText] = useState('');
  const [filters, setFilters] = useState<UserFilters>({ search: '', role: '', active: '' });
  const [pending, setPending] = useState<PendingChange | null>(null);
  const { show } = useToast();
  const list = usePaginated(JSON.stringify(filters), (cursor, signal) =>
    listUsers(filters, cursor, signal).then(({ users, nextCursor }) => ({ items: users, nextCursor })),
  );

  useEffect(() => {
    const timer = setTimeout(
      () => setFilters((current) => (current.search === searchText ? current : { ...current, search: searchText })),
      SEARCH_DELAY_MS,
    );
    return () => clearTimeout(timer);
  }, [searchText]);

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
        <form className="filters" role="search" aria-label="Filter accounts" onSubmit={(event) => event.preventDefault()}>
          <TextField
            label="Search"
            name="search"
            type="search"
            hint="Name, specialty or email."
            value={searchText}
            onChange={(event) => setSearchText(event.target.value)}
          />
          <SelectField
            label="Role"
            name="role"
            value={filters.role}
            onChange={(event) => setFilters({ ...filters, role: event.target.value as UserFilters['role'] })}
            options={[{ value: '', label: 'Any role' }, ...ROLES.map((role) => ({ value: role, label: roleLabel(role) }))]}
          />
          <SelectField
            label="Status"
            name="active"
            value={filters.active}
            onChange={(event) => setFilters({ ...filters, active: event.target.value as UserFilters['active'] })}
            options={[
              { value: '', label: 'Any status' },
              { value: 'true', label: 'Active' },
              { value: 'false', label: 'Deactivated' },
            ]}
          />
        </form>
        {list.error !== null && <FormAlert message={describeError(list.error)} />}
        {list.items === null ? (
          <p role="status">Loading accounts…</p>
        ) : list.items.length === 0 ? (
          <p className="muted">No account matches.</p>
        ) : (
          <div className="table-wrap">
            <table className="table">
              <caption className="visually-hidden">Accounts, newest first</caption>
              <thead>
                <tr>
                  <th scope="col">Name</th>
                  <th scope="col">Email</th>
                  <th scope="col">Role</th>
                  <th scope="col">Status</th>
                  <th scope="col">Actions</th>
                </tr>
              </thead>
              <tbody>
                {list.items.map((user) => (
                  <tr key={user.id}>
                    <th scope="row">
                      {user.name}
                      {user.specialty ? <span className="muted table-sub">{user.specialty}</span> : null}
                    </th>
                    <td>{user.email}</td>
                    <td>
                      <select
                        aria-label={`Role for ${user.name}`}
                        value={user.role}
                        disabled={user.id === selfId}
                        onChange={(event) => setPending({ kind: 'role', user, role: event.target.value as Role })}
                      >
                        {ROLES.map((role) => (
                          <option key={role} value={role}>
                            {roleLabel(role)}
                          </option>
                        ))}
                      </select>
                    </td>
                    <td>
                      <span className="badge" data-tone={user.active ? 'success' : 'neutral'}>
                        {user.active ? 'Active' : 'Deactivated'}
                      </span>
                    </td>
                    <td>
                      <div className="actions">
                        {user.id !== selfId && (
                          <button
                            type="button"
                            className="button button-quiet button-small"
                            onClick={() => setPending({ kind: 'active', user, active: !user.active })}
                          >
                            {user.active ? 'Deactivate' : 'Reactivate'}
                            <span className="visually-hidden"> {user.name}</span>
                          </button>
                        )}
                        <button
                          type="button"
                          className="button button-quiet button-small"
                          onClick={() => setPending({ kind: 'password', user })}
                        >
                          Reset password<span className="visually-hidden"> for {user.name}</span>
                        </button>
                      </div>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {list.nextCursor && (
          <button type="button" className="button button-quiet" disabled={list.loadingMore} onClick={() => void list.loadMore()}>
            {list.loadingMore ? 'Loading…' : 'Load more'}
          </button>
        )}
      </section>

      {pending?.kind === 'role' && (
        <ConfirmDialog
          title={`Change ${pending.user.name}'s role?`}
          confirmLabel={`Make ${roleLabel(pending.role).toLowerCase()}`}
          onClose={() => setPending(null)}
          onConfirm={() => apply(pending)}
        >
          <p>
            {pending.user.name} goes from {pending.user.role} to {pending.role}. Their open sessions will see the new role on
            their next request.
          </p>
        </ConfirmDialog>
      )}
      {pending?.kind === 'active' && (
        <ConfirmDialog
          title={pending.active ? `Reactivate ${pending.user.name}?` : `Deactivate ${pending.user.name}?`}
          confirmLabel={pending.active ? 'Reactivate' : 'Deactivate'}
          tone={pending.active ? 'default' : 'danger'}
          onClose={() => setPending(null)}
          onConfirm={() => apply(pending)}
        >
          <p>
            {pending.active
              ? 'They will be able to sign in again.'
              : 'They are signed out everywhere at once and cannot sign in until reactivated. A waiting consultation request is cancelled.'}
          </p>
        </ConfirmDialog>
      )}
      {pending?.kind === 'password' && (
        <ResetPasswordDialog
          user={pending.user}
          onClose={() => setPending(null)}
          onDone={() => {
            setPending(null);
            show(`New password set for ${pending.user.name}`, 'success');
          }}
        />
      )}
    </div>
  );
}
