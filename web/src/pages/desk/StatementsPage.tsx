// The month's statement per organisation, and closing a month (issue 10 item 3, R-BILL-3).
import type { ApiProblem } from '../../api/client.js';
import { Loading, ProblemMessage } from '../../components/Problem.js';
import { useI18n } from '../../i18n/index.js';
import { navigate, useLocation, withQuery } from '../../router/router.js';
import { useCloseStatement, useOrganisations, useStatement } from './desk-api.js';
import { thisMonth } from './CompliancePage.js';
import './desk.css';

export default function StatementsPage() {
  const { t, date } = useI18n();
  const { pathname, search } = useLocation();
  const orgs = useOrganisations();
  const organisationId = search.get('organisation') ?? orgs.data?.items[0]?.id ?? null;
  const month = search.get('month') ?? thisMonth().from.slice(0, 7);
  const statement = useStatement(organisationId, month);
  const close = useCloseStatement();
  const set = (changes: Record<string, string>) => navigate(withQuery(pathname, search, changes), { replace: true });
  const s = statement.data;
  return (
    <>
      <h1>{t('statements.title')}</h1>
      <form className="desk-filters" onSubmit={(e) => e.preventDefault()}>
        <label>{t('statements.organisation')}
          <select value={organisationId ?? ''} onChange={(e) => set({ organisation: e.target.value })}>
            {(orgs.data?.items ?? []).map((o) => <option key={o.id} value={o.id}>{o.name}</option>)}
          </select>
        </label>
        <label>{t('statements.month')}<input type="month" value={month} onChange={(e) => e.target.value && set({ month: e.target.value })} /></label>
      </form>
      {orgs.error ? <ProblemMessage problem={orgs.error as ApiProblem} /> : null}
      {statement.error ? <ProblemMessage problem={statement.error as ApiProblem} /> : null}
      {close.error ? <ProblemMessage problem={close.error as ApiProblem} /> : null}
      {organisationId && !s && !statement.error ? <Loading /> : null}
      {s ? (
        <>
          <p>{t('statements.billable', { n: s.totals.billableMinutes })} · {t('statements.free', { n: s.totals.freeMinutes })}</p>
          <p>{s.closedAt ? t('statements.closed', { at: date(s.closedAt), by: s.closedBy ?? '' }) : t('statements.open')}</p>
          {!s.closedAt ? (
            <button type="button" className="primary" disabled={close.isPending} onClick={() => close.mutate({ organisationId: organisationId!, month })}>
              {t('statements.close', { month })}
            </button>
          ) : null}
          <table className="queue">
            <caption>{t('statements.title')} · <bdi>{organisationId}</bdi> · {month}</caption>
            <thead><tr>
              {(['ticket', 'agent', 'start', 'kind', 'minutes', 'billable', 'reason'] as const).map((c) => <th key={c} scope="col">{t(`statements.column.${c}`)}</th>)}
            </tr></thead>
            <tbody>
              {s.lines.length === 0 ? <tr><td colSpan={7}>{t('statements.none')}</td></tr> : s.lines.map((l, i) => (
                <tr key={`${l.entryId}-${i}`}>
                  <td><bdi>{l.ticketNumber}</bdi></td><td><bdi>{l.agent}</bdi></td><td>{date(l.startedAt)}</td><td>{t(`ws.work.${l.kind}`)}</td>
                  <td>{l.minutes}</td><td>{l.billable ? t('yes') : t('no')}</td><td>{t(`reason.${l.reason}`)} ({l.rule})</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : null}
    </>
  );
}
