import { Navigate, useParams } from 'react-router-dom';
import { useAuth } from '../../features/auth';
import { SummaryPage } from '../../features/summaries';
import { HOME_PATH } from '../navigation';
import { Page } from './page';

/** `/consultations/:id/summary`: the visit's patient and doctor; an admin has no visits to sum up. */
export function VisitSummary() {
  const { id = '' } = useParams();
  const { user } = useAuth();
  if (!user) return null;
  if (user.role === 'admin') return <Navigate to={HOME_PATH.admin} replace />;
  return (
    <Page title="Visit summary">
      <SummaryPage consultationId={id} viewerId={user.id} />
    </Page>
  );
}
