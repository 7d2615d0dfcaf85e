// The agents' queue (issue 10 item 1, R-PORTAL-2): every open ticket by its next SLA deadline,
// the business time left counted in the browser by the domain's own code, filters in the URL,
// read again every 15 s, and held in place while the pointer is on it (no row jumps under it).
import { useState, type ChangeEvent } from 'react';
import type { Policy } from '../../../../functions/domain/policy-defaults.js';
import { ProblemMessage, Loading } from '../../components/Problem.js';
import { useI18n } from '../../i18n/index.js';
import { Link, navigate, useLocation, withQuery } from '../../router/router.js';
import { currentPerson } from '../../session/session.js';
import { clockOf, countdownText } from './countdown.js';
import { QUEUE_PAGE, usePolicies, useQueue, useWholeQueue, type QueueItem } from './desk-api.js';
import { FILTER_NAMES, filtersFromSearch, matchesFilters, type QueueFilters } from './queue-filters.js';
import { useNow } from './use-now.js';
import './desk.css';

const STATUSES = ['new', 'in-progress', 'pending-customer', 'pending-vendor', 'resolved'] as const;
const SEVERITIES = ['urgent', 'high', 'normal'] as const;

export default function QueuePage() {
  const { t } = useI18n();
  const { pathname, search } = useLocation();
  const filters = filtersFromSearch(search);
  const me = currentPerson()?.email ?? '';
  const queue = useQueue(filters, me);
  const whole = useWholeQueue(!!queue.data && !queue.isPlaceholderData);
  const policies = usePolicies(queue.data?.items.map((i) => i.policyVersion) ?? []);
  const now = useNow(30_000);
  const [held, setHeld] = useState<readonly string[] | null>(null); // ids in the order shown when the pointer came

  // Until the API answers a new filter, the tickets kept in the browser show at once, filtered alike.
  const live = queue.isPlaceholderData && whole.data
    ? whole.data.items.filter((t) => matchesFilters(t, filters, me)).slice(0, QUEUE_PAGE)
    : queue.data?.items ?? [];
  const byId = new Map(live.map((i) => [i.id, i]));
  // Held: the rows keep their places (updated in place); new ones wait until the pointer leaves.
  const rows = held ? held.flatMap((id) => byId.get(id) ?? []) : live;
  const waiting = held !== null && (live.length !== rows.length || live.some((i, n) => rows[n]?.id !== i.id));

  const setFilter = (name: keyof QueueFilters) => (e: ChangeEvent<HTMLSelectElement | HTMLInputElement>) =>
    navigate(withQuery(pathname, search, { [name]: e.target.value }), { replace: true });
  const who = filters.mine === 'true' ? 'mine' : filters.unassigned === 'true' ? 'unassigned' : '';
  const setWho = (e: ChangeEvent<HTMLSelectElement>) =>
    navigate(withQuery(pathname, search, { mine: e.target.value === 'mine' ? 'true' : undefined, unassigned: e.target.value === 'unassigned' ? 'true' : undefined }), { replace: true });

  return (
    <>
      <h1>{t('queue.title')}</h1>
      <form className="desk-filters" aria-label={t('queue.filters')} onSubmit={(e) => e.preventDefault()}>
        <label>{t('queue.who')}
          <select value={who} onChange={setWho}>
            <option value="">{t('queue.who.any')}</option>
            <option value="mine">{t('queue.mine')}</option>
            <option value="unassigned">{t('queue.unassigned')}</option>
          </select>
        </label>
        <label>{t('queue.status')}
          <select value={filters.status ?? ''} onChange={setFilter('status')}>
            <option value="">{t('queue.any')}</option>
            {STATUSES.map((s) => <option key={s} value={s}>{t(`status.${s}`)}</option>)}
          </select>
        </label>
        <label>{t('queue.severity')}
          <select value={filters.severity ?? ''} onChange={setFilter('severity')}>
            <option value="">{t('queue.any')}</option>
            {SEVERITIES.map((s) => <option key={s} value={s}>{t(`severity.${s}`)}</option>)}
          </select>
        </label>
        <label>{t('queue.sla')}
          <select value={filters.sla ?? ''} onChange={setFilter('sla')}>
            <option value="">{t('queue.any')}</option>
            {(['ok', 'at-risk', 'breached'] as const).map((s) => <option key={s} value={s}>{t(`queue.sla.${s}`)}</option>)}
          </select>
        </label>
        <label>{t('queue.type')}
          <select value={filters.type ?? ''} onChange={setFilter('type')}>
            <option value="">{t('queue.any')}</option>
            {(['incident', 'service-request'] as const).map((s) => <option key={s} value={s}>{t(`type.${s}`)}</option>)}
          </select>
        </label>
        <label>{t('queue.tier')}
          <select value={filters.tier ?? ''} onChange={setFilter('tier')}>
            <option value="">{t('queue.any')}</option>
            {['1', '2', '3', '4'].map((s) => <option key={s} value={s}>{s}</option>)}
          </select>
        </label>
        <label>{t('queue.organisation')}
          <select value={filters.organisationId ?? ''} onChange={setFilter('organisationId')}>
            <option value="">{t('queue.any')}</option>
            {[...new Set([...live.map((i) => i.organisationId), ...(filters.organisationId ? [filters.organisationId] : [])])].sort()
              .map((o) => <option key={o} value={o}>{o}</option>)}
          </select>
        </label>
        {FILTER_NAMES.some((n) => filters[n]) ? <button type="button" onClick={() => navigate(pathname, { replace: true })}>{t('queue.clear')}</button> : null}
      </form>
      {queue.error ? <ProblemMessage problem={queue.error as never} /> : null}
      {waiting ? (
        <div className="held" role="status">
          <span>{t('queue.held')}</span>
          <button type="button" onClick={() => setHeld(null)}>{t('queue.apply')}</button>
        </div>
      ) : null}
      {!queue.data && !queue.error ? <Loading /> : null}
      {queue.data ? (
        <table className="queue fixed" onPointerEnter={() => setHeld(rows.map((r) => r.id))} onPointerLeave={() => setHeld(null)} aria-busy={queue.isFetching}>
          <caption>{t('queue.caption')} · {t('queue.count', { n: rows.length })}</caption>
          <colgroup>
            <col className="c-number" /><col /><col className="c-due" /><col className="c-state" /><col className="c-short" />
            <col className="c-status" /><col className="c-org" /><col /><col className="c-tier" />
          </colgroup>
          <thead>
            <tr>
              <th scope="col">{t('queue.column.number')}</th>
              <th scope="col">{t('queue.column.subject')}</th>
              <th scope="col">{t('queue.column.due')}</th>
              <th scope="col">{t('queue.column.state')}</th>
              <th scope="col">{t('queue.column.severity')}</th>
              <th scope="col">{t('queue.column.status')}</th>
              <th scope="col">{t('queue.column.organisation')}</th>
              <th scope="col">{t('queue.column.assignee')}</th>
              <th scope="col">{t('queue.column.tier')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.length === 0 ? <tr><td colSpan={9}>{t('queue.none')}</td></tr> : rows.map((item) => (
              <QueueRow key={item.id} item={item} policy={policies.data?.versions[item.policyVersion] as Policy | undefined} now={now} />
            ))}
          </tbody>
        </table>
      ) : null}
    </>
  );
}

function QueueRow({ item, policy, now }: { item: QueueItem; policy: Policy | undefined; now: string }) {
  const { t } = useI18n();
  const entry = item.nextTarget ? item.sla[item.nextTarget] : undefined;
  const clock = policy && entry && item.nextTarget ? clockOf(policy, item.entitlement.calendar, item.nextTarget, entry, now) : null;
  const state = clock?.state ?? (item.slaState === 'ok' ? null : item.slaState);
  return (
    <tr data-ticket={item.number}>
      <td><Link to={`/desk/tickets/${item.number}`}><bdi>{item.number}</bdi></Link></td>
      <td><bdi>{item.subject}</bdi></td>
      <td className="countdown">{clock && policy ? <>{t(`target.${clock.target}`)}: {countdownText(clock, policy, t)}</> : entry ? '…' : t('countdown.none')}</td>
      <td>{state ? <span className={`sla-state sla-${state}`}>{t(`desk.sla.${state}`)}</span> : null}</td>
      <td>{t(`severity.${item.severity}`)}</td>
      <td><span className={`status status-${item.status}`}>{t(`status.${item.status}`)}</span></td>
      <td><bdi>{item.organisationId}</bdi></td>
      <td>{item.assignee ? <bdi>{item.assignee}</bdi> : t('queue.unassignedName')}</td>
      <td>{item.tier}</td>
    </tr>
  );
}
