import { ROLES, type PublicUser, type Role } from '@telehealth/shared';
import { roleLabel, type PendingChange } from '../logic/account-change';

interface UsersTableProps {
  users: readonly PublicUser[];
  /** the admin viewing, who can neither demote nor deactivate themself */
  selfId: string;
  /** a change asked for, to confirm before it is made */
  onChange: (change: PendingChange) => void;
}

/** One row an account: name, email, its role (a select), status, and what can be done to it. */
export function UsersTable({ users, selfId, onChange }: UsersTableProps) {
  return (
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
          {users.map((user) => (
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
                  onChange={(event) => onChange({ kind: 'role', user, role: event.target.value as Role })}
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
                      onClick={() => onChange({ kind: 'active', user, active: !user.active })}
                    >
                      {user.active ? 'Deactivate' : 'Reactivate'}
                      <span className="visually-hidden"> {user.name}</span>
                    </button>
                  )}
                  <button
                    type="button"
                    className="button button-quiet button-small"
                    onClick={() => onChange({ kind: 'password', user })}
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
  );
}
