// The SLA preview (issue 10 item 3): what `npm run sla -- preview` answers, computed in the browser
// by the domain's computeSlaPreview on the policy the API serves.
import { useState, type FormEvent } from 'react';
import { computeSlaPreview, type SlaPreview } from '../../../../functions/domain/preview.js';
import type { Policy } from '../../../../functions/domain/policy-defaults.js';
import type { ApiProblem } from '../../api/client.js';
import { Loading, ProblemMessage } from '../../components/Problem.js';
import { useI18n } from '../../i18n/index.js';
import { usePolicies } from './desk-api.js';
import { wallToIsraelInstant } from './wall-time.js';
import './desk.css';

export default function SlaPreviewPage() {
  const { t, date } = useI18n();
  const policies = usePolicies([]);
  const [severity, setSeverity] = useState<'urgent' | 'high' | 'normal'>('urgent');
  const [at, setAt] = useState('');
  const [calendar, setCalendar] = useState<'basic' | 'extended'>('basic');
  const [css, setCss] = useState(false);
  const [result, setResult] = useState<SlaPreview | null>(null);
  const policy = policies.data?.current as Policy | undefined;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const instant = wallToIsraelInstant(at);
    if (policy && instant) setResult(computeSlaPreview({ severity, at: instant, calendar, css }, policy));
  };
  const line = (label: string, iso: string | undefined) => (iso ? <><dt>{label}</dt><dd>{date(iso)}</dd></> : null);
  return (
    <>
      <h1>{t('preview.title')}</h1>
      {policies.error ? <ProblemMessage problem={policies.error as ApiProblem} /> : null}
      {!policy && !policies.error ? <Loading /> : null}
      <form onSubmit={submit} className="panel">
        <label>{t('ws.severity')}
          <select value={severity} onChange={(e) => setSeverity(e.target.value as typeof severity)}>
            {(['urgent', 'high', 'normal'] as const).map((s) => <option key={s} value={s}>{t(`severity.${s}`)}</option>)}
          </select>
        </label>
        <label>{t('preview.at')}<input type="datetime-local" value={at} onChange={(e) => setAt(e.target.value)} required /></label>
        <label>{t('preview.calendar')}
          <select value={calendar} onChange={(e) => setCalendar(e.target.value as typeof calendar)}>
            <option value="basic">{t('preview.calendar.basic')}</option>
            <option value="extended">{t('preview.calendar.extended')}</option>
          </select>
        </label>
        <label className="inline"><input type="checkbox" checked={css} onChange={(e) => setCss(e.target.checked)} /> {t('preview.css')}</label>
        <button type="submit" className="primary" disabled={!policy}>{t('preview.run')}</button>
      </form>
      {result ? (
        <section aria-live="polite">
          <dl className="facts">
            {line(t('preview.firstResponseDue'), result.firstResponseDue)}
            {line(t('preview.contactDue'), result.contactDue)}
            {line(t('preview.cssResponseDue'), result.cssResponseDue)}
            {line(t('preview.unanswered'), result.unansweredMessage.pendingCustomerAt)}
          </dl>
          <h2>{t('preview.pendingCustomer')}</h2>
          <dl className="facts">{Object.entries(result.pendingCustomer).map(([k, v]) => <Line key={k} label={t(`preview.${k}`)} at={date(v)} />)}</dl>
          <h2>{t('preview.resolved')}</h2>
          <dl className="facts">{Object.entries(result.resolved).map(([k, v]) => <Line key={k} label={t(`preview.${k}`)} at={date(v)} />)}</dl>
        </section>
      ) : null}
    </>
  );
}

const Line = ({ label, at }: { label: string; at: string }) => <><dt>{label}</dt><dd>{at}</dd></>;
