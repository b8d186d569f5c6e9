import { ROLES } from '@telehealth/shared';
import { useEffect, useState, type Dispatch, type SetStateAction } from 'react';
import { SelectField } from '../../../components/ui/select-field';
import { TextField } from '../../../components/ui/text-field';
import type { UserFilters } from '../api/list-users';
import { roleLabel } from '../logic/account-change';

/** Typing pauses this long before the list is asked again. */
const SEARCH_DELAY_MS = 300;

interface UserFiltersFormProps {
  filters: UserFilters;
  setFilters: Dispatch<SetStateAction<UserFilters>>;
}

/** Search (after a pause in typing), role and status: each change asks for the list again. */
export function UserFiltersForm({ filters, setFilters }: UserFiltersFormProps) {
  const [searchText, setSearchText] = useState(filters.search);

  useEffect(() => {
    const timer = setTimeout(
      () => setFilters((current) => (current.search === searchText ? current : { ...current, search: searchText })),
      SEARCH_DELAY_MS,
    );
    return () => clearTimeout(timer);
  }, [searchText, setFilters]);

  return (
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
  );
}
