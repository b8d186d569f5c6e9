import type { AuditEvent } from '@telehealth/shared';
import { FormAlert } from '../../../components/ui/form-alert';
import { describeError } from '../../../lib/error-message';
import { listAudit } from '../api/list-audit';
import { usePaginated } from '../hooks/use-paginated';
import { useUserNames } from '../hooks/use-user-names';
import { AUDIT_LABELS } from '../logic/audit-labels';
import { LoadMoreButton } from './load-more-button';

const timeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });

/** Who did what to whom, and when: newest first, a page at a time. */
export function AuditPanel() {
  const list = usePaginated<AuditEvent>('audit', (cursor, signal) =>
    listAudit(cursor, signal).then(({ events, nextCursor }) => ({ items: events, nextCursor })),
  );
  const names = useUserNames(
    (list.items ?? []).flatMap((event) => [event.actorId, event.targetId].filter((id): id is string => Boolean(id))),
  );
  const who = (id: string | null | undefined) => (id ? (names.get(id) ?? id) : '—');

  return (
    <section aria-labelledby="audit-heading" className="stack">
      <h2 id="audit-heading">Audit log</h2>
      {list.error !== null && <FormAlert message={describeError(list.error)} />}
      {list.items === null ? (
        <p role="status">Loading the audit log…</p>
      ) : list.items.length === 0 ? (
        <p className="muted">Nothing recorded yet.</p>
      ) : (
        <div className="table-wrap">
          <table className="table">
            <caption className="visually-hidden">Audit events, newest first</caption>
            <thead>
              <tr>
                <th scope="col">When</th>
                <th scope="col">Action</th>
                <th scope="col">By</th>
                <th scope="col">Account</th>
                <th scope="col">IP address</th>
              </tr>
            </thead>
            <tbody>
              {list.items.map((event) => (
                <tr key={event.id}>
                  <td>
                    <time dateTime={event.at}>{timeFormat.format(new Date(event.at))}</time>
                  </td>
                  <th scope="row">{AUDIT_LABELS[event.action]}</th>
                  <td>{who(event.actorId)}</td>
                  <td>{who(event.targetId)}</td>
                  <td>{event.ip ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <LoadMoreButton list={list} />
    </section>
  );
}
