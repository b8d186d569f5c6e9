import { Link, useSearchParams } from 'react-router-dom';
import { AuditPanel, ConsentPanel, StatsPanel, UsersPanel } from '../../features/admin';
import { useAuth } from '../../features/auth';
import { Page } from './page';

const VIEWS = [
  { id: 'accounts', label: 'Accounts' },
  { id: 'audit', label: 'Audit log' },
  { id: 'stats', label: 'Statistics' },
  { id: 'consent', label: 'Telehealth consent' },
] as const;
type View = (typeof VIEWS)[number]['id'];

function viewFrom(value: string | null): View {
  return VIEWS.find((view) => view.id === value)?.id ?? 'accounts';
}

/** The admin console: one page, its section in the URL (`?view=audit`) so it survives a reload and can be linked. */
export function AdminHome() {
  const { user } = useAuth();
  const [params] = useSearchParams();
  const view = viewFrom(params.get('view'));
  if (!user) return null;

  return (
    <Page title="Accounts">
      <nav aria-label="Admin sections" className="sub-nav">
        <ul>
          {VIEWS.map((item) => (
            <li key={item.id}>
              <Link to={`/admin?view=${item.id}`} aria-current={item.id === view ? 'page' : undefined}>
                {item.label}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      {view === 'accounts' && <UsersPanel selfId={user.id} />}
      {view === 'audit' && <AuditPanel />}
      {view === 'stats' && <StatsPanel />}
      {view === 'consent' && <ConsentPanel />}
    </Page>
  );
}
