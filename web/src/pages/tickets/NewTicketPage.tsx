// Open a ticket (issue 9 item 2): incident or service request (R-TKT-2), severity with the
// charter's definitions beside each choice (R-TKT-5), outage (R-TKT-4), remote access granted
// (R-ACC-1), subject, description, attachments; a partner names the customer (R-PARTY-2).
// Checked with the API's own request schema first; the API's problem+json is shown beside the
// field; the new number and its first-response deadline are shown at once.
import { useCallback, useMemo, useState, type FormEvent } from 'react';
import { CreateTicketRequestSchema } from '../../../../functions/handlers/http/schemas.js';
import { ApiProblem } from '../../api/client.js';
import { usePartnerCustomers } from '../../api/organisations.js';
import { useCreateTicket, type TicketView } from '../../api/tickets.js';
import { anyUploading, Attachments, uploadedIds, type Upload } from '../../components/Attachments.js';
import { Field, problemFieldErrors, useDraft, zodFieldErrors, type FieldErrors } from '../../components/forms.js';
import { ProblemMessage } from '../../components/Problem.js';
import { useI18n } from '../../i18n/index.js';
import { Link } from '../../router/router.js';
import { useSyncExternalStore } from 'react';
import { currentPerson, subscribe } from '../../session/session.js';
import { SEVERITIES } from './TicketsPage.js';
import { ArticleSuggestions } from '../kb/ArticleSuggestions.js';

type Draft = {
  type: 'incident' | 'service-request'; severity: (typeof SEVERITIES)[number]; subject: string; description: string;
  outage: boolean; remoteAccess: boolean; organisationId: string; idempotencyKey: string;
};

const newDraft = (): Draft => ({
  type: 'incident', severity: 'normal', subject: '', description: '', outage: false, remoteAccess: false, organisationId: '',
  idempotencyKey: crypto.randomUUID(),
});

export default function NewTicketPage() {
  const { t, date } = useI18n();
  const person = useSyncExternalStore(subscribe, currentPerson);
  const isPartner = person?.role === 'partner';
  const [draft, patch, clear] = useDraft<Draft>('new-ticket', useCallback(newDraft, []));
  const [uploads, setUploads] = useState<readonly Upload[]>([]);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [created, setCreated] = useState<TicketView | null>(null);
  const create = useCreateTicket();
  // R-PARTY-2: a partner's customers, from the directory (GET /organisations gives a partner its own).
  const { data: directory } = usePartnerCustomers(isPartner ? person?.organisationId : null);
  const customers = useMemo(() => [...(directory?.items ?? [])].sort((a, b) => a.name.localeCompare(b.name)), [directory]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const body = {
      type: draft.type, severity: draft.severity, subject: draft.subject, description: draft.description,
      outage: draft.type === 'incident' && draft.outage, remoteAccess: draft.remoteAccess,
      ...(isPartner && draft.organisationId.trim() ? { organisationId: draft.organisationId.trim() } : {}),
    };
    const checked = CreateTicketRequestSchema.safeParse(body);
    if (!checked.success) { setErrors(zodFieldErrors(checked.error, t)); return; }
    setErrors({});
    const attachments = uploadedIds(uploads);
    try {
      const ticket = await create.mutateAsync({ body: { ...body, ...(attachments.length ? { attachments } : {}) }, idempotencyKey: draft.idempotencyKey });
      setCreated(ticket);
      setUploads([]);
      clear();
    } catch (error) {
      if (error instanceof ApiProblem) setErrors(problemFieldErrors(error, t));
    }
  };

  // The definition sits beside the label, not in it: the control's name stays the choice itself.
  const radio = (name: 'type' | 'severity', value: string, label: string, hint?: string) => (
    <div key={value} className="choice">
      <label>
        <input type="radio" name={name} value={value} checked={draft[name] === value}
          onChange={() => patch({ [name]: value } as Partial<Draft>)} aria-describedby={hint ? `${name}-${value}-def` : undefined} />
        {' '}{label}
      </label>
      {hint ? <span id={`${name}-${value}-def`} className="severity-def">{hint}</span> : null}
    </div>
  );

  return (
    <>
      <h1>{t('new.title')}</h1>
      {created ? (
        <div className="notice" role="status">
          <p>{t('new.created', { number: created.number })} <Link to={`/tickets/${created.number}`}><bdi>{created.number}</bdi></Link></p>
          {created.sla.firstResponse
            ? <p>{t('new.firstResponse')} <time dateTime={created.sla.firstResponse.dueAt}>{date(created.sla.firstResponse.dueAt)}</time></p>
            : <p>{t('new.noSla')}</p>}
        </div>
      ) : null}
      {/* R-KB-1: articles that match what is being written, beside the form (web/src/pages/kb). */}
      <ArticleSuggestions subject={draft.subject} description={draft.description} submitted={!!created} />
      <form onSubmit={submit} noValidate>
        {isPartner ? (
          <Field id="organisationId" label={t('new.customer')} error={errors.organisationId} hint={t('new.customerHint')}>
            {(a) => (
              <>
                <input {...a} type="text" list="customers" value={draft.organisationId} onChange={(e) => patch({ organisationId: e.target.value })} autoComplete="off" />
                <datalist id="customers">{customers.map((o) => <option key={o.id} value={o.id}>{o.name}</option>)}</datalist>
              </>
            )}
          </Field>
        ) : null}
        <fieldset>
          <legend>{t('new.type')}</legend>
          {radio('type', 'incident', t('type.incident'), t('new.type.incident'))}
          {radio('type', 'service-request', t('type.service-request'), t('new.type.service-request'))}
        </fieldset>
        <fieldset>
          <legend>{t('new.severity')}</legend>
          {SEVERITIES.map((s) => radio('severity', s, t(`severity.${s}`), t(`new.severity.${s}`)))}
        </fieldset>
        <fieldset>
          <legend>{t('new.details')}</legend>
          {draft.type === 'incident' ? (
            <label>
              <input type="checkbox" checked={draft.outage} onChange={(e) => patch({ outage: e.target.checked })} /> {t('new.outage')}
            </label>
          ) : null}
          <label>
            <input type="checkbox" checked={draft.remoteAccess} onChange={(e) => patch({ remoteAccess: e.target.checked })} /> {t('new.remoteAccess')}
          </label>
        </fieldset>
        <Field id="subject" label={t('new.subject')} error={errors.subject}>
          {(a) => <input {...a} type="text" value={draft.subject} maxLength={200} onChange={(e) => patch({ subject: e.target.value })} />}
        </Field>
        <Field id="description" label={t('new.description')} error={errors.description}>
          {(a) => <textarea {...a} rows={8} value={draft.description} onChange={(e) => patch({ description: e.target.value })} />}
        </Field>
        <Attachments id="attachments" uploads={uploads} onChange={(f) => setUploads(f)} />
        {Object.entries(errors).filter(([k]) => k.startsWith('attachments')).map(([k, v]) => <p key={k} role="alert" className="error">{v}</p>)}
        {create.error && !Object.keys(errors).length ? <ProblemMessage problem={create.error as ApiProblem} /> : null}
        <p className="actions">
          <button type="submit" className="primary" disabled={create.isPending || anyUploading(uploads)}>{t('new.submit')}</button>
        </p>
      </form>
    </>
  );
}
