// A ticket as its customer sees it (issue 9 item 2): the public conversation with its
// attachments, the status history, the SLA targets, the vendor case number while Pending Vendor
// (R-VEND-1); reply; confirm or reject a resolution with the reason (R-CLOSE-2); escalate to the
// Head of Support, then the Chief Customer Officer (R-ESC-2). Found by number or by id.
import { useCallback, useState, type FormEvent } from 'react';
import { AddMessageRequestSchema, EscalationRequestSchema, ResolutionRequestSchema } from '../../../../functions/handlers/http/schemas.js';
import { ApiProblem } from '../../api/client.js';
import { useAttachmentUrl } from '../../api/uploads.js';
import { useEscalation, useReply, useResolution, useTicket, type TicketDetail } from '../../api/tickets.js';
import { anyUploading, Attachments, uploadedIds, type Upload } from '../../components/Attachments.js';
import { Field, problemFieldErrors, useDraft, zodFieldErrors, type FieldErrors } from '../../components/forms.js';
import { Loading, ProblemMessage } from '../../components/Problem.js';
import { SlaPanel } from '../../components/SlaPanel.js';
import { useI18n } from '../../i18n/index.js';
import type { PageProps } from '../../router/routes.js';
import { Link } from '../../router/router.js';
import { awaitedKey } from './TicketsPage.js';

type History = TicketDetail['history'][number];
const lastStatusChange = (ticket: TicketDetail, to: string): History | undefined =>
  [...ticket.history].reverse().find((h) => h.type === 'status-changed' && h.data.to === to);

export default function TicketPage({ params }: PageProps) {
  const { t, date } = useI18n();
  const id = params.id!;
  const { data: ticket, error } = useTicket(id);
  if (error) {
    const problem = error as ApiProblem;
    return (
      <>
        <h1><bdi>{id}</bdi></h1>
        {problem.status === 404 ? <p role="status">{t('ticket.notFound', { id })}</p> : <ProblemMessage problem={problem} />}
        <p><Link to="/tickets">{t('nav.tickets')}</Link></p>
      </>
    );
  }
  if (!ticket) return <Loading />;
  const asked = ticket.status === 'pending-customer' ? lastStatusChange(ticket, 'pending-customer')?.data.reason : undefined;
  const solution = ticket.status === 'resolved' ? lastStatusChange(ticket, 'resolved')?.data.solution : undefined;

  return (
    <article aria-labelledby="ticket-title">
      <h1 id="ticket-title"><bdi>{ticket.number}</bdi> <bdi>{ticket.subject}</bdi></h1>
      <dl className="facts">
        <dt>{t('tickets.column.status')}</dt><dd><span className={`status status-${ticket.status}`}>{t(`status.${ticket.status}`)}</span></dd>
        <dt>{t('tickets.column.severity')}</dt><dd>{t(`severity.${ticket.severity}`)}</dd>
        <dt>{t('ticket.type')}</dt><dd>{t(`type.${ticket.type}`)}{ticket.outage ? ` · ${t('ticket.outage')}` : ''}</dd>
        <dt>{t('tickets.column.opened')}</dt><dd><time dateTime={ticket.createdAt}>{date(ticket.createdAt)}</time></dd>
        <dt>{t('ticket.organisation')}</dt><dd><bdi>{ticket.organisationId}</bdi></dd>
        <dt>{t('ticket.remoteAccess')}</dt><dd>{ticket.remoteAccess ? t('ticket.yes') : t('ticket.no')}</dd>
        {ticket.status === 'pending-vendor' && ticket.vendorCaseNumber ? (
          <><dt>{t('ticket.vendorCase')}</dt><dd><bdi>{ticket.vendorCaseNumber}</bdi></dd></>
        ) : null}
        <dt>{t('tickets.column.awaited')}</dt><dd>{t(awaitedKey(ticket))}{asked ? <>: <bdi>{String(asked)}</bdi></> : null}</dd>
      </dl>
      {ticket.status === 'resolved' ? <ResolutionForm ticket={ticket} solution={solution ? String(solution) : null} /> : null}
      <SlaPanel sla={ticket.sla} />
      <Conversation ticket={ticket} />
      {ticket.status !== 'closed' ? <ReplyForm ticket={ticket} /> : null}
      <section aria-labelledby="history-title">
        <h2 id="history-title">{t('ticket.history')}</h2>
        <ol className="history">
          {ticket.history.filter((h) => h.type === 'ticket-opened' || h.type === 'status-changed' || h.type === 'escalated' || h.type === 'severity-reclassified').map((h) => (
            <li key={h.id}>
              <time dateTime={h.at}>{date(h.at)}</time>{' '}
              {h.type === 'ticket-opened' ? t('history.opened')
                : h.type === 'status-changed' ? t('history.status', { from: t(`status.${String(h.data.from)}`), to: t(`status.${String(h.data.to)}`) })
                  : h.type === 'escalated' ? t(`history.escalated.${String(h.data.to)}`)
                    : t('history.severity', { from: t(`severity.${String(h.data.from)}`), to: t(`severity.${String(h.data.to)}`) })}
            </li>
          ))}
        </ol>
      </section>
      {ticket.status !== 'closed' ? <EscalationForm ticket={ticket} /> : null}
    </article>
  );
}

function Conversation({ ticket }: { ticket: TicketDetail }) {
  const { t, date } = useI18n();
  const attachmentUrl = useAttachmentUrl();
  const [failed, setFailed] = useState<string | null>(null);
  const download = async (attachmentId: string) => {
    setFailed(null);
    try {
      const { url } = await attachmentUrl(ticket.id, attachmentId);
      location.assign(url);
    } catch (e) {
      setFailed(e instanceof ApiProblem ? e.problem.detail || e.problem.title : String(e));
    }
  };
  const messages = ticket.messages.filter((m) => m.visibility === 'public');
  return (
    <section aria-labelledby="conversation-title">
      <h2 id="conversation-title">{t('ticket.conversation')}</h2>
      {failed ? <p role="alert">{failed}</p> : null}
      <ol className="conversation">
        {messages.map((m) => (
          <li key={m.id} className={m.author.party}>
            <div className="meta">{t(`author.${m.author.party}`)}{m.author.party === 'customer' ? <> · <bdi>{m.author.id}</bdi></> : null} · <time dateTime={m.at}>{date(m.at)}</time></div>
            <p className="body"><bdi>{m.body}</bdi></p>
            {m.attachments.length > 0 ? (
              <ul aria-label={t('ticket.attachments')}>
                {m.attachments.map((a, i) => {
                  const attachmentId = a.id;
                  return (
                    <li key={attachmentId ?? i}>
                      {attachmentId
                        ? <button type="button" onClick={() => void download(attachmentId)} aria-label={t('ticket.download', { name: a.name })}><bdi>{a.name}</bdi></button>
                        : <bdi>{a.name}</bdi>} ({Math.ceil(a.size / 1024)} KB)
                    </li>
                  );
                })}
              </ul>
            ) : null}
          </li>
        ))}
      </ol>
    </section>
  );
}

function ReplyForm({ ticket }: { ticket: TicketDetail }) {
  const { t } = useI18n();
  const [draft, patch, clear] = useDraft(`reply.${ticket.id}`, useCallback(() => ({ body: '' }), []));
  const [uploads, setUploads] = useState<readonly Upload[]>([]);
  const [errors, setErrors] = useState<FieldErrors>({});
  const reply = useReply(ticket);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const checked = AddMessageRequestSchema.safeParse({ body: draft.body });
    if (!checked.success) { setErrors(zodFieldErrors(checked.error, t)); return; }
    setErrors({});
    const attachments = uploadedIds(uploads);
    try {
      await reply.mutateAsync({ body: draft.body, ...(attachments.length ? { attachments } : {}) });
      clear();
      setUploads([]);
    } catch (error) {
      if (error instanceof ApiProblem) setErrors(problemFieldErrors(error, t));
    }
  };
  return (
    <section aria-labelledby="reply-title">
      <h2 id="reply-title">{t('ticket.reply')}</h2>
      <form onSubmit={submit} noValidate>
        <Field id="reply-body" label={t('ticket.replyBody')} error={errors.body}>
          {(a) => <textarea {...a} rows={5} value={draft.body} onChange={(e) => patch({ body: e.target.value })} />}
        </Field>
        <Attachments id="reply-attachments" uploads={uploads} onChange={(f) => setUploads(f)} />
        {reply.error && !Object.keys(errors).length ? <ProblemMessage problem={reply.error as ApiProblem} /> : null}
        <button type="submit" className="primary" disabled={reply.isPending || anyUploading(uploads)}>{t('ticket.send')}</button>
      </form>
    </section>
  );
}

function ResolutionForm({ ticket, solution }: { ticket: TicketDetail; solution: string | null }) {
  const { t } = useI18n();
  const [draft, patch, clear] = useDraft(`resolution.${ticket.id}`, useCallback(() => ({ reason: '' }), []));
  const [errors, setErrors] = useState<FieldErrors>({});
  const decide = useResolution(ticket);
  const send = async (decision: 'confirm' | 'reject') => {
    const body = decision === 'confirm' ? { decision } : { decision, reason: draft.reason };
    const checked = ResolutionRequestSchema.safeParse(body);
    if (!checked.success) { setErrors(zodFieldErrors(checked.error, t)); return; }
    setErrors({});
    try {
      await decide.mutateAsync(checked.data);
      clear();
    } catch (error) {
      if (error instanceof ApiProblem) setErrors(problemFieldErrors(error, t));
    }
  };
  return (
    <section aria-labelledby="resolution-title" className="notice">
      <h2 id="resolution-title">{t('resolution.title')}</h2>
      {solution ? <p><bdi>{solution}</bdi></p> : null}
      <p className="actions">
        <button type="button" className="primary" onClick={() => void send('confirm')} disabled={decide.isPending}>{t('resolution.confirm')}</button>
      </p>
      <Field id="reject-reason" label={t('resolution.reason')} error={errors.reason}>
        {(a) => <textarea {...a} rows={3} value={draft.reason} onChange={(e) => patch({ reason: e.target.value })} />}
      </Field>
      {decide.error && !Object.keys(errors).length ? <ProblemMessage problem={decide.error as ApiProblem} /> : null}
      <button type="button" onClick={() => void send('reject')} disabled={decide.isPending}>{t('resolution.reject')}</button>
    </section>
  );
}

function EscalationForm({ ticket }: { ticket: TicketDetail }) {
  const { t } = useI18n();
  const [draft, patch, clear] = useDraft(`escalation.${ticket.id}`, useCallback(() => ({ reason: '' }), []));
  const [errors, setErrors] = useState<FieldErrors>({});
  const escalate = useEscalation(ticket);
  // R-ESC-2: first the Head of Support, then the Chief Customer Officer; nothing after.
  const next = ticket.externalEscalation === 'none' ? 'hos' : ticket.externalEscalation === 'hos' ? 'cco' : null;
  if (!next) return <p>{t('escalation.done')}</p>;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const checked = EscalationRequestSchema.safeParse({ kind: 'external', reason: draft.reason });
    if (!checked.success) { setErrors(zodFieldErrors(checked.error, t)); return; }
    setErrors({});
    try {
      await escalate.mutateAsync(checked.data);
      clear();
    } catch (error) {
      if (error instanceof ApiProblem) setErrors(problemFieldErrors(error, t));
    }
  };
  return (
    <section aria-labelledby="escalation-title">
      <h2 id="escalation-title">{t(`escalation.title.${next}`)}</h2>
      <form onSubmit={submit} noValidate>
        <Field id="escalation-reason" label={t('escalation.reason')} error={errors.reason}>
          {(a) => <textarea {...a} rows={3} value={draft.reason} onChange={(e) => patch({ reason: e.target.value })} />}
        </Field>
        {escalate.error && !Object.keys(errors).length ? <ProblemMessage problem={escalate.error as ApiProblem} /> : null}
        <button type="submit" disabled={escalate.isPending}>{t(`escalation.submit.${next}`)}</button>
      </form>
    </section>
  );
}
