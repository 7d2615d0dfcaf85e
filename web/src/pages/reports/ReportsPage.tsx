// Report emails (R-RPT-1): ask for the organisation's ticket report now, for a period of Israel
// dates, and subscribe to it weekly or monthly, or unsubscribe.
import { useCallback, useState, useSyncExternalStore, type FormEvent } from 'react';
import type { ApiProblem } from '../../api/client.js';
import { israelMidnight, nextDay, useEmailReport, useReportSubscriptions, useSubscribe } from '../../api/reports.js';
import { Field, useDraft } from '../../components/forms.js';
import { Loading, ProblemMessage } from '../../components/Problem.js';
import { useI18n } from '../../i18n/index.js';
import { currentPerson, subscribe } from '../../session/session.js';

const israelToday = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Jerusalem' }).format(new Date());

export default function ReportsPage() {
  const { t } = useI18n();
  const person = useSyncExternalStore(subscribe, currentPerson)!;
  const organisationId = person.organisationId ?? '';
  return (
    <>
      <h1>{t('reports.title')}</h1>
      <p>{t('reports.intro', { organisation: organisationId })}</p>
      <ReportNow organisationId={organisationId} />
      <Subscription organisationId={organisationId} email={person.email} />
    </>
  );
}

function ReportNow({ organisationId }: { organisationId: string }) {
  const { t } = useI18n();
  const initial = useCallback(() => {
    const today = israelToday();
    return { from: `${today.slice(0, 8)}01`, to: today };
  }, []);
  const [draft, patch] = useDraft('report-now', initial);
  const email = useEmailReport(organisationId);
  const [sent, setSent] = useState(false);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setSent(false);
    email.mutate({ from: israelMidnight(draft.from), to: israelMidnight(nextDay(draft.to)) }, { onSuccess: () => setSent(true) });
  };
  return (
    <section aria-labelledby="now-title">
      <h2 id="now-title">{t('reports.now')}</h2>
      <form onSubmit={submit} className="actions">
        <Field id="report-from" label={t('reports.from')}>{(a) => <input {...a} type="date" value={draft.from} required onChange={(e) => patch({ from: e.target.value })} />}</Field>
        <Field id="report-to" label={t('reports.to')}>{(a) => <input {...a} type="date" value={draft.to} required onChange={(e) => patch({ to: e.target.value })} />}</Field>
        <button type="submit" className="primary" disabled={email.isPending}>{t('reports.send')}</button>
      </form>
      {sent ? <p role="status">{t('reports.sent')}</p> : null}
      {email.error ? <ProblemMessage problem={email.error as ApiProblem} /> : null}
    </section>
  );
}

function Subscription({ organisationId, email }: { organisationId: string; email: string }) {
  const { t } = useI18n();
  const { data, error } = useReportSubscriptions(organisationId);
  const change = useSubscribe(organisationId);
  if (error) return <ProblemMessage problem={error as ApiProblem} />;
  if (!data) return <Loading />;
  const mine = data.items.find((s) => s.email === email);
  return (
    <section aria-labelledby="schedule-title">
      <h2 id="schedule-title">{t('reports.schedule')}</h2>
      <p role="status">{mine ? t(`reports.subscribed.${mine.frequency}`) : t('reports.notSubscribed')}</p>
      <fieldset>
        <legend>{t('reports.frequency')}</legend>
        {(['weekly', 'monthly'] as const).map((f) => (
          <label key={f}>
            <input type="radio" name="frequency" checked={mine?.frequency === f} disabled={change.isPending}
              onChange={() => change.mutate({ email, frequency: f })} /> {t(`reports.${f}`)}
          </label>
        ))}
        <label>
          <input type="radio" name="frequency" checked={!mine} disabled={change.isPending}
            onChange={() => change.mutate({ email, frequency: null })} /> {t('reports.none')}
        </label>
      </fieldset>
      {change.error ? <ProblemMessage problem={change.error as ApiProblem} /> : null}
    </section>
  );
}
