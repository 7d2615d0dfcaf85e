// The tickets list (issue 9 item 2): number, subject, status, severity, opened, what is awaited
// from the customer; filters and search in the URL; newest first (the API's order); paged.
import { useState, type FormEvent } from 'react';
import type { ApiProblem } from '../../api/client.js';
import { useTickets, type TicketQuery, type TicketView } from '../../api/tickets.js';
import { Loading, ProblemMessage } from '../../components/Problem.js';
import { useI18n } from '../../i18n/index.js';
import { Link, navigate, useLocation, withQuery } from '../../router/router.js';

export const STATUSES = ['new', 'in-progress', 'pending-customer', 'pending-vendor', 'resolved', 'closed'] as const;
export const SEVERITIES = ['urgent', 'high', 'normal'] as const;
const OPEN = STATUSES.filter((s) => s !== 'closed').join(',');
const TICKET_NUMBER = /^T-\d+$/i;

/** The API query for the list's URL: one status wins over open/closed. */
export function ticketQuery(search: URLSearchParams): TicketQuery {
  const state = search.get('state');
  const status = search.get('status') || (state === 'open' ? OPEN : state === 'closed' ? 'closed' : undefined);
  const q: TicketQuery = { limit: 20 };
  if (status) q.status = status;
  const severity = search.get('severity');
  if (severity && (SEVERITIES as readonly string[]).includes(severity)) q.severity = severity as (typeof SEVERITIES)[number];
  for (const name of ['q', 'cursor'] as const) {
    const v = search.get(name);
    if (v) q[name] = v;
  }
  return q;
}

export const awaitedKey = (t: Pick<TicketView, 'status'>): string =>
  t.status === 'pending-customer' || t.status === 'resolved' ? `awaited.${t.status}` : 'awaited.none';

export default function TicketsPage() {
  const { t, date } = useI18n();
  const { pathname, search } = useLocation();
  const query = ticketQuery(search);
  const { data, error, isFetching } = useTickets(query);
  const [text, setText] = useState(search.get('q') ?? '');
  const set = (changes: Record<string, string | undefined>) => navigate(withQuery(pathname, search, { cursor: undefined, ...changes }), { replace: true });

  const onSearch = (e: FormEvent) => {
    e.preventDefault();
    const v = text.trim();
    // A ticket number opens the ticket itself (R-TKT-6: found by its number).
    if (TICKET_NUMBER.test(v)) navigate(`/tickets/${v.toUpperCase()}`);
    else set({ q: v || undefined });
  };

  return (
    <>
      <div className="page-head">
        <h1>{t('tickets.title')}</h1>
        <Link to="/tickets/new" className="button primary">{t('tickets.open')}</Link>
      </div>
      <section aria-label={t('tickets.filters')} className="filters">
        <form role="search" onSubmit={onSearch}>
          <label>
            {t('tickets.search')}
            <input type="search" value={text} onChange={(e) => setText(e.target.value)} />
          </label>
          <button type="submit">{t('tickets.searchButton')}</button>
        </form>
        <label>
          {t('tickets.state')}
          <select value={search.get('state') ?? ''} onChange={(e) => set({ state: e.target.value })}>
            <option value="">{t('tickets.state.all')}</option>
            <option value="open">{t('tickets.state.open')}</option>
            <option value="closed">{t('tickets.state.closed')}</option>
          </select>
        </label>
        <label>
          {t('tickets.status')}
          <select value={search.get('status') ?? ''} onChange={(e) => set({ status: e.target.value })}>
            <option value="">{t('tickets.any')}</option>
            {STATUSES.map((s) => <option key={s} value={s}>{t(`status.${s}`)}</option>)}
          </select>
        </label>
        <label>
          {t('tickets.severity')}
          <select value={search.get('severity') ?? ''} onChange={(e) => set({ severity: e.target.value })}>
            <option value="">{t('tickets.any')}</option>
            {SEVERITIES.map((s) => <option key={s} value={s}>{t(`severity.${s}`)}</option>)}
          </select>
        </label>
      </section>
      {error ? <ProblemMessage problem={error as ApiProblem} /> : null}
      {!data && !error ? <Loading /> : null}
      {data ? (
        <>
          <table className="tickets" aria-busy={isFetching}>
            <caption>{t('tickets.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('tickets.column.number')}</th>
                <th scope="col">{t('tickets.column.subject')}</th>
                <th scope="col">{t('tickets.column.status')}</th>
                <th scope="col">{t('tickets.column.severity')}</th>
                <th scope="col">{t('tickets.column.opened')}</th>
                <th scope="col">{t('tickets.column.firstResponse')}</th>
                <th scope="col">{t('tickets.column.awaited')}</th>
              </tr>
            </thead>
            <tbody>
              {data.items.map((ticket) => (
                <tr key={ticket.id}>
                  <td><Link to={`/tickets/${ticket.number}`}><bdi>{ticket.number}</bdi></Link></td>
                  <td><bdi>{ticket.subject}</bdi></td>
                  <td><span className={`status status-${ticket.status}`}>{t(`status.${ticket.status}`)}</span></td>
                  <td>{t(`severity.${ticket.severity}`)}</td>
                  <td><time dateTime={ticket.createdAt}>{date(ticket.createdAt)}</time></td>
                  <td><FirstResponse ticket={ticket} /></td>
                  <td>{t(awaitedKey(ticket))}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {data.items.length === 0 ? <p>{t('tickets.none')}</p> : null}
          <nav className="pager" aria-label={t('tickets.caption')}>
            {query.cursor ? <Link to={withQuery(pathname, search, { cursor: undefined })}>{t('tickets.first')}</Link> : null}
            {data.cursor ? <Link to={withQuery(pathname, search, { cursor: data.cursor })}>{t('tickets.next')}</Link> : null}
          </nav>
        </>
      ) : null}
    </>
  );
}

/** The first-response deadline, or when it was met (R-SLA-1). */
function FirstResponse({ ticket }: { ticket: TicketView }) {
  const { t, date } = useI18n();
  const target = ticket.sla.firstResponse;
  if (!target) return <>{t('awaited.none')}</>;
  return target.metAt
    ? <>{t('sla.state.met')} <time dateTime={target.metAt}>{date(target.metAt)}</time></>
    : <time dateTime={target.dueAt}>{date(target.dueAt)}</time>;
}
