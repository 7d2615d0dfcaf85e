// SLA compliance per severity, target and organisation for a period, with a chart (issue 10
// item 3, R-RPT-2). The period is given in Israel dates; the API reads them as Israel days.
import { useState, type FormEvent } from 'react';
import type { ApiProblem, Schemas } from '../../api/client.js';
import { Loading, ProblemMessage } from '../../components/Problem.js';
import { useI18n } from '../../i18n/index.js';
import { navigate, useLocation, withQuery } from '../../router/router.js';
import { useCompliance } from './desk-api.js';
import { wallToIsraelInstant } from './wall-time.js';
import './desk.css';

type Compliance = Schemas['ComplianceReport']['overall'];

/** This month in Israel, as `YYYY-MM-DD` of its first and last day. */
export function thisMonth(now = new Date()): { from: string; to: string } {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jerusalem', year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
  const [y, m] = today.split('-').map(Number) as [number, number];
  const last = new Date(Date.UTC(y, m, 0)).getUTCDate();
  return { from: `${today.slice(0, 7)}-01`, to: `${today.slice(0, 7)}-${String(last).padStart(2, '0')}` };
}

/** [from, to] Israel dates as the report's half-open instants. */
const periodOf = (from: string, to: string) => {
  const next = new Date(Date.parse(`${to}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
  return { from: wallToIsraelInstant(`${from}T00:00`) ?? '', to: wallToIsraelInstant(`${next}T00:00`) ?? '' };
};

export default function CompliancePage() {
  const { t } = useI18n();
  const { pathname, search } = useLocation();
  const month = thisMonth();
  const from = search.get('from') ?? month.from;
  const to = search.get('to') ?? month.to;
  const [draft, setDraft] = useState({ from, to });
  const period = periodOf(from, to);
  const report = useCompliance(period.from, period.to);
  const submit = (e: FormEvent) => { e.preventDefault(); navigate(withQuery(pathname, search, draft), { replace: true }); };
  const pct = (c: Compliance) => (c.compliance === null ? t('compliance.none') : `${Math.round(c.compliance * 1000) / 10}%`);
  const rows = (entries: Array<[string, Compliance]>) => entries.map(([name, c]) => (
    <tr key={name}><th scope="row">{name}</th><td>{c.met}</td><td>{c.breached}</td><td>{pct(c)}</td></tr>
  ));
  const table = (id: string, caption: string, entries: Array<[string, Compliance]>) => (
    <table className="queue" aria-labelledby={id}>
      <caption id={id}>{caption}</caption>
      <thead><tr><th scope="col">{caption}</th><th scope="col">{t('compliance.met')}</th><th scope="col">{t('compliance.breached')}</th><th scope="col">{t('compliance.rate')}</th></tr></thead>
      <tbody>{rows(entries)}</tbody>
    </table>
  );
  const data = report.data;
  return (
    <>
      <h1>{t('compliance.title')}</h1>
      <form className="desk-filters" onSubmit={submit} aria-label={t('mgr.period')}>
        <label>{t('mgr.from')}<input type="date" value={draft.from} onChange={(e) => setDraft({ ...draft, from: e.target.value })} required /></label>
        <label>{t('mgr.to')}<input type="date" value={draft.to} onChange={(e) => setDraft({ ...draft, to: e.target.value })} required /></label>
        <button type="submit">{t('mgr.show')}</button>
      </form>
      {report.error ? <ProblemMessage problem={report.error as ApiProblem} /> : null}
      {!data && !report.error ? <Loading /> : null}
      {data ? (
        <>
          <p>{t('compliance.overall', { pct: pct(data.overall), met: data.overall.met, breached: data.overall.breached })}</p>
          <Chart title={t('compliance.chart')} bars={[
            ...Object.entries(data.bySeverity).map(([k, c]) => [t(`severity.${k}`), c] as [string, Compliance]),
            ...Object.entries(data.byTarget).map(([k, c]) => [t(`target.${k}`), c] as [string, Compliance]),
          ]} metLabel={t('compliance.met')} breachedLabel={t('compliance.breached')} />
          {table('by-severity', t('compliance.bySeverity'), Object.entries(data.bySeverity).map(([k, c]) => [t(`severity.${k}`), c]))}
          {table('by-target', t('compliance.byTarget'), Object.entries(data.byTarget).map(([k, c]) => [t(`target.${k}`), c]))}
          {table('by-org', t('compliance.byOrganisation'), data.byOrganisation.map((o) => [o.organisationId, o]))}
        </>
      ) : null}
    </>
  );
}

/** Met and breached per group as stacked bars; the tables beside it carry the same numbers as text. */
function Chart({ title, bars, metLabel, breachedLabel }: { title: string; bars: Array<[string, Compliance]>; metLabel: string; breachedLabel: string }) {
  const width = 520;
  const row = 26;
  const label = 170;
  const max = Math.max(1, ...bars.map(([, c]) => c.met + c.breached));
  const scale = (n: number) => ((width - label - 60) * n) / max;
  return (
    <figure className="chart">
      <svg role="img" aria-label={title} viewBox={`0 0 ${width} ${bars.length * row + 10}`} width="100%">
        {bars.map(([name, c], i) => (
          <g key={name} transform={`translate(0 ${i * row + 5})`}>
            <text x={0} y={16}>{name}</text>
            <rect className="met" x={label} y={4} height={16} width={scale(c.met)}><title>{`${name}: ${c.met} ${metLabel}`}</title></rect>
            <rect className="breached" x={label + scale(c.met)} y={4} height={16} width={scale(c.breached)}><title>{`${name}: ${c.breached} ${breachedLabel}`}</title></rect>
            <text x={label + scale(c.met + c.breached) + 6} y={16}>{c.met}/{c.met + c.breached}</text>
          </g>
        ))}
      </svg>
      <figcaption>{title}: <span className="sla-running">■ {metLabel}</span> <span className="problem">■ {breachedLabel}</span></figcaption>
    </figure>
  );
}
