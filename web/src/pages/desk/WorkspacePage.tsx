// The ticket workspace (issue 10 item 2): the whole conversation with internal notes set apart,
// the history, the SLA panel, and every action the API allows an agent. Each command carries the
// version read (If-Match): when another agent got there first, the 412 shows what changed and
// every draft stays as typed. Keyboard: r reply, n internal note, j next ticket in the queue.
import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import type { Policy } from '../../../../functions/domain/policy-defaults.js';
import { classifyWork } from '../../../../functions/domain/billing/classify.js';
import type { ApiProblem } from '../../api/client.js';
import { useTicket, type TicketDetail } from '../../api/tickets.js';
import { useAttachmentUrl } from '../../api/uploads.js';
import { Loading, ProblemMessage } from '../../components/Problem.js';
import { useI18n } from '../../i18n/index.js';
import { Link, navigate } from '../../router/router.js';
import type { PageProps } from '../../router/routes.js';
import { currentPerson } from '../../session/session.js';
import { clockOf, countdownText } from './countdown.js';
import { useDeskCommand, usePolicies, useQueue, useWork, type DeskCommand } from './desk-api.js';
import { useNow } from './use-now.js';
import { wallToIsraelInstant } from './wall-time.js';
import './desk.css';

const TARGETS = ['firstResponse', 'cssResponse', 'contact'] as const;

export default function WorkspacePage({ params }: PageProps) {
  const { t } = useI18n();
  const { data: ticket, error } = useTicket(params.id!);
  if (error) return <><h1>{t('ws.facts')}</h1><ProblemMessage problem={error as ApiProblem} /></>;
  if (!ticket) return <Loading />;
  return <Workspace ticket={ticket} />;
}

/** History entries written after `version` (their ids are `<ticket>#<version>#<index>`). */
const changedSince = (ticket: TicketDetail, version: number) =>
  ticket.history.filter((h) => Number(h.id.split('#')[1]) > version);

function Workspace({ ticket }: { ticket: TicketDetail }) {
  const { t, date } = useI18n();
  const me = currentPerson()?.email ?? '';
  const command = useDeskCommand(ticket);
  const queue = useQueue({}, me);
  const policies = usePolicies([ticket.policyVersion]);
  const policy = policies.data?.versions[ticket.policyVersion] as Policy | undefined;
  const now = useNow(30_000);
  const [conflictFrom, setConflictFrom] = useState<number | null>(null);
  const [done, setDone] = useState(false);
  const reply = useRef<HTMLTextAreaElement>(null);
  const [visibility, setVisibility] = useState<'public' | 'internal'>('public');

  const items = queue.data?.items ?? [];
  const at = items.findIndex((i) => i.id === ticket.id);
  const next = items[at + 1] ?? (at === -1 ? items[0] : undefined);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const target = e.target as HTMLElement;
      if (e.ctrlKey || e.metaKey || e.altKey || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName) || target.isContentEditable) return;
      if (e.key === 'r' || e.key === 'n') {
        e.preventDefault();
        setVisibility(e.key === 'r' ? 'public' : 'internal');
        reply.current?.focus();
      } else if (e.key === 'j' && next) {
        e.preventDefault();
        navigate(`/desk/tickets/${next.number}`);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [next]);

  /** Sends a command; true when it went through (the form then clears its draft). */
  const send = async (c: DeskCommand): Promise<boolean> => {
    setDone(false);
    try {
      await command.mutateAsync(c);
      setConflictFrom(null);
      setDone(true);
      return true;
    } catch (e) {
      if ((e as ApiProblem).status === 412) setConflictFrom(ticket.version);
      return false;
    }
  };
  // The customer's attachments: a short-lived download URL from the API, then the browser fetches it.
  const attachmentUrl = useAttachmentUrl();
  const [downloadProblem, setDownloadProblem] = useState<ApiProblem | null>(null);
  const download = async (attachmentId: string) => {
    setDownloadProblem(null);
    try {
      location.assign((await attachmentUrl(ticket.id, attachmentId)).url);
    } catch (e) {
      setDownloadProblem(e as ApiProblem);
    }
  };
  const problem = (command.error ?? downloadProblem) as ApiProblem | null;
  const changes = conflictFrom !== null ? changedSince(ticket, conflictFrom) : [];

  return (
    <>
      <h1><bdi>{ticket.number}</bdi> <bdi>{ticket.subject}</bdi></h1>
      <p className="hint">{t('ws.shortcuts')}{next ? <> · <Link to={`/desk/tickets/${next.number}`}>{t('ws.next')}: <bdi>{next.number}</bdi></Link></> : null}</p>
      {conflictFrom !== null ? (
        <div role="alert" className="problem">
          <p>{t('ws.changed')}</p>
          {changes.length ? (
            <ul aria-label={t('ws.changedList')}>
              {changes.map((h) => <li key={h.id}>{date(h.at)} · {h.type} · <bdi>{h.actor.id}</bdi>{summary(h.data)}</li>)}
            </ul>
          ) : null}
        </div>
      ) : problem ? <ProblemMessage problem={problem} /> : null}
      {done && !command.isPending ? <p role="status" className="notice">{t('ws.done')}</p> : null}
      <div className="workspace">
        <div>
          <section aria-labelledby="sla-h">
            <h2 id="sla-h">{t('ws.sla')}</h2>
            <ul className="sla">
              {TARGETS.flatMap((name) => {
                const entry = ticket.sla[name];
                if (!entry) return [];
                const clock = policy ? clockOf(policy, ticket.entitlement.calendar, name, entry, now) : null;
                return [(
                  <li key={name} className={clock?.state}>
                    <strong>{t(`target.${name}`)}</strong>: {clock ? <span className={`sla-state sla-${clock.state}`}>{t(`desk.sla.${clock.state}`)}</span> : null}
                    {clock && policy && clock.state !== 'met' && clock.state !== 'stopped' ? <><br />{countdownText(clock, policy, t)}</> : null}
                    {entry.metAt ? <><br />{t('ws.metAt', { at: date(entry.metAt) })}</> : null}
                    <br /><small>{t('ws.dueAt', { at: date(entry.dueAt) })}</small>
                  </li>
                )];
              })}
            </ul>
          </section>
          <section aria-labelledby="conv-h">
            <h2 id="conv-h">{t('ws.conversation')}</h2>
            <ol className="conversation">
              {ticket.messages.map((m) => (
                <li key={m.id} className={m.visibility === 'internal' ? 'internal' : m.author.party}>
                  <div className="meta">
                    {m.visibility === 'internal' ? <span className="tag">{t('ws.note')} · </span> : null}
                    {t(`ws.from.${m.author.party}`)} · <bdi>{m.author.id}</bdi> · {date(m.at)}
                  </div>
                  <p className="body" dir="auto">{m.body}</p>
                  {m.attachments.length ? (
                    <ul aria-label={t('ws.attachments')}>
                      {m.attachments.map((a, i) => (
                        <li key={a.id ?? i}>
                          {a.id ? <button type="button" onClick={() => void download(a.id!)} aria-label={t('ws.download', { name: a.name })}><bdi>{a.name}</bdi></button> : <bdi>{a.name}</bdi>}
                          {' '}({a.contentType}, {Math.ceil(a.size / 1024)} KB)
                        </li>
                      ))}
                    </ul>
                  ) : null}
                </li>
              ))}
            </ol>
          </section>
          <Panel id="reply" title={t('ws.replyOrNote')}>
            <MessageForm send={send} busy={command.isPending} textarea={reply} visibility={visibility} setVisibility={setVisibility} />
          </Panel>
          <section aria-labelledby="hist-h">
            <h2 id="hist-h">{t('ws.history')}</h2>
            <ol className="history">
              {ticket.history.map((h) => <li key={h.id}>{date(h.at)} · {h.type} · <bdi>{h.actor.id}</bdi>{summary(h.data)}</li>)}
            </ol>
          </section>
        </div>
        <div>
          <section aria-labelledby="facts-h" className="panel">
            <h2 id="facts-h">{t('ws.facts')}</h2>
            <dl className="facts">
              <dt>{t('fact.organisation')}</dt><dd><bdi>{ticket.organisationId}</bdi></dd>
              <dt>{t('fact.type')}</dt><dd>{t(`type.${ticket.type}`)}</dd>
              <dt>{t('fact.severity')}</dt><dd>{t(`severity.${ticket.severity}`)}</dd>
              <dt>{t('fact.status')}</dt><dd>{t(`status.${ticket.status}`)}</dd>
              <dt>{t('fact.tier')}</dt><dd>{ticket.tier}</dd>
              <dt>{t('fact.assignee')}</dt><dd>{ticket.assignee ? <bdi>{ticket.assignee}</bdi> : t('queue.unassignedName')}</dd>
              <dt>{t('fact.outage')}</dt><dd>{ticket.outage ? t('yes') : t('no')}</dd>
              <dt>{t('fact.fault')}</dt><dd>{t(`ws.fault.${ticket.fault ?? 'none'}`)}</dd>
              {ticket.vendorCaseNumber ? <><dt>{t('fact.vendorCase')}</dt><dd><bdi>{ticket.vendorCaseNumber}</bdi></dd></> : null}
              <dt>{t('fact.entitlement')}</dt><dd>{ticket.entitlement.subscription}</dd>
              <dt>{t('fact.calendar')}</dt><dd>{ticket.entitlement.calendar}</dd>
              <dt>{t('fact.opened')}</dt><dd>{date(ticket.createdAt)}</dd>
            </dl>
          </section>
          <Panel id="status" title={t('ws.status')}><StatusForm ticket={ticket} send={send} busy={command.isPending} /></Panel>
          <Panel id="assign" title={t('ws.assign')}><AssignForm ticket={ticket} me={me} send={send} busy={command.isPending} /></Panel>
          <Panel id="reclassify" title={t('ws.reclassify')}><ReclassifyForm ticket={ticket} send={send} busy={command.isPending} /></Panel>
          <Panel id="fault" title={t('ws.fault')}><FaultForm ticket={ticket} send={send} busy={command.isPending} /></Panel>
          {ticket.tier !== undefined && ticket.tier < 4 ? (
            <Panel id="escalate" title={t('ws.escalate')}><EscalateForm tier={ticket.tier} send={send} busy={command.isPending} /></Panel>
          ) : null}
          <Panel id="work" title={t('ws.work')}><WorkForm ticket={ticket} policy={policy} now={now} send={send} busy={command.isPending} /></Panel>
        </div>
      </div>
    </>
  );
}

const summary = (data: Record<string, unknown>): string => {
  const parts = ['from', 'to', 'reason', 'comment', 'solution', 'vendorCaseNumber', 'target'].filter((k) => typeof data[k] === 'string' || typeof data[k] === 'number').map((k) => `${k}: ${String(data[k])}`);
  return parts.length ? ` · ${parts.join(', ')}` : '';
};

function Panel({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return <section className="panel" aria-labelledby={`${id}-h`}><h2 id={`${id}-h`}>{title}</h2>{children}</section>;
}

type FormProps = { send: (c: DeskCommand) => Promise<boolean>; busy: boolean };

function MessageForm({ send, busy, textarea, visibility, setVisibility }: FormProps & { textarea: React.RefObject<HTMLTextAreaElement | null>; visibility: 'public' | 'internal'; setVisibility(v: 'public' | 'internal'): void }) {
  const { t } = useI18n();
  const [body, setBody] = useState('');
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (await send({ kind: 'message', body: { body, visibility } })) setBody((now) => (now === body ? '' : now)); // what was typed meanwhile stays
  };
  return (
    <form onSubmit={submit}>
      <fieldset>
        <legend>{t('ws.visibility')}</legend>
        <label className="inline"><input type="radio" name="visibility" checked={visibility === 'public'} onChange={() => setVisibility('public')} /> {t('ws.public')}</label>
        <label className="inline"><input type="radio" name="visibility" checked={visibility === 'internal'} onChange={() => setVisibility('internal')} /> {t('ws.note')}</label>
      </fieldset>
      <label>{t('ws.body')}<textarea ref={textarea} value={body} onChange={(e) => setBody(e.target.value)} required /></label>
      <button type="submit" className="primary" disabled={busy}>{visibility === 'internal' ? t('ws.note') : t('ws.reply')}</button>
    </form>
  );
}

function StatusForm({ ticket, send, busy }: FormProps & { ticket: TicketDetail }) {
  const { t } = useI18n();
  const reopening = ticket.status === 'resolved' || ticket.status === 'closed';
  const [to, setTo] = useState<string>(reopening ? 'in-progress' : 'pending-customer');
  const [text, setText] = useState('');
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const body = to === 'pending-customer' ? { to, comment: text } : to === 'pending-vendor' ? { to, vendorCaseNumber: text } : to === 'resolved' ? { to, solution: text } : { to, ...(text ? { reason: text } : {}) };
    if (await send({ kind: 'transition', body: body as never })) setText((now) => (now === text ? '' : now));
  };
  const textLabel = to === 'pending-customer' ? t('ws.comment') : to === 'pending-vendor' ? t('ws.vendorCase') : to === 'resolved' ? t('ws.solution') : t('ws.reason');
  return (
    <form onSubmit={submit}>
      <label>{t('ws.to')}
        <select value={to} onChange={(e) => setTo(e.target.value)}>
          {['in-progress', 'pending-customer', 'pending-vendor', 'resolved', 'closed'].map((s) => (
            <option key={s} value={s}>{s === 'in-progress' && reopening ? t('ws.reopen') : t(`status.${s}`)}</option>
          ))}
        </select>
      </label>
      <label>{textLabel}
        {to === 'pending-vendor' ? <input type="text" value={text} onChange={(e) => setText(e.target.value)} required />
          : <textarea value={text} onChange={(e) => setText(e.target.value)} required={to !== 'in-progress' && to !== 'closed'} />}
      </label>
      <button type="submit" disabled={busy}>{t('ws.save')}</button>
    </form>
  );
}

function AssignForm({ ticket, me, send, busy }: FormProps & { ticket: TicketDetail; me: string }) {
  const { t } = useI18n();
  const [assignee, setAssignee] = useState(ticket.assignee ?? '');
  return (
    <form onSubmit={(e) => { e.preventDefault(); void send({ kind: 'update', body: { assignee: assignee.trim() || null } }); }}>
      <label>{t('ws.assignee')}<input type="email" value={assignee} onChange={(e) => setAssignee(e.target.value)} /></label>
      <div className="actions">
        <button type="submit" disabled={busy}>{t('ws.save')}</button>
        <button type="button" disabled={busy} onClick={() => { setAssignee(me); void send({ kind: 'update', body: { assignee: me } }); }}>{t('ws.assignMe')}</button>
      </div>
    </form>
  );
}

function ReclassifyForm({ ticket, send, busy }: FormProps & { ticket: TicketDetail }) {
  const { t } = useI18n();
  const [severity, setSeverity] = useState(ticket.severity);
  const [reason, setReason] = useState('');
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (await send({ kind: 'update', body: { severity, severityReason: reason } })) setReason((now) => (now === reason ? '' : now)); // R-TKT-5
  };
  return (
    <form onSubmit={submit}>
      <label>{t('ws.severity')}
        <select value={severity} onChange={(e) => setSeverity(e.target.value as typeof severity)}>
          {(['urgent', 'high', 'normal'] as const).map((s) => <option key={s} value={s}>{t(`severity.${s}`)}</option>)}
        </select>
      </label>
      <label>{t('ws.severityReason')}<textarea value={reason} onChange={(e) => setReason(e.target.value)} required /></label>
      <button type="submit" disabled={busy}>{t('ws.save')}</button>
    </form>
  );
}

function FaultForm({ ticket, send, busy }: FormProps & { ticket: TicketDetail }) {
  const { t } = useI18n();
  const [fault, setFault] = useState<string>(ticket.fault ?? '');
  const [outage, setOutage] = useState(ticket.outage);
  return (
    <form onSubmit={(e) => { e.preventDefault(); void send({ kind: 'update', body: { fault: (fault || null) as never, outage } }); }}>
      <label>{t('ws.faultKind')}
        <select value={fault} onChange={(e) => setFault(e.target.value)}>
          <option value="">{t('ws.fault.none')}</option>
          <option value="vendor">{t('ws.fault.vendor')}</option>
          <option value="application">{t('ws.fault.application')}</option>
        </select>
      </label>
      <label className="inline"><input type="checkbox" checked={outage} onChange={(e) => setOutage(e.target.checked)} /> {t('ws.outage')}</label>
      <button type="submit" disabled={busy}>{t('ws.save')}</button>
    </form>
  );
}

function EscalateForm({ tier, send, busy }: FormProps & { tier: number }) {
  const { t } = useI18n();
  const [reason, setReason] = useState('');
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (await send({ kind: 'escalate', body: { kind: 'internal', reason } })) setReason((now) => (now === reason ? '' : now)); // R-ESC-1: one tier up
  };
  return (
    <form onSubmit={submit}>
      <label>{t('ws.escalateReason')}<textarea value={reason} onChange={(e) => setReason(e.target.value)} required /></label>
      <button type="submit" disabled={busy}>{t('ws.escalateButton', { tier: tier + 1 })}</button>
    </form>
  );
}

/** Israel wall time `YYYY-MM-DDTHH:MM` of an instant, for a datetime-local field. */
const israelWall = (iso: string) => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Jerusalem', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' }).format(new Date(iso)).replace(' ', 'T');

function WorkForm({ ticket, policy, now, send, busy }: FormProps & { ticket: TicketDetail; policy: Policy | undefined; now: string }) {
  const { t, date } = useI18n();
  const work = useWork(ticket.id);
  const [start, setStart] = useState(() => israelWall(new Date(Date.parse(now) - 30 * 60_000).toISOString()));
  const [minutes, setMinutes] = useState(30);
  const [kind, setKind] = useState<'remote' | 'on-site' | 'travel'>('remote');
  const [outOfScope, setOutOfScope] = useState(false);
  const [note, setNote] = useState('');
  const startedAt = wallToIsraelInstant(start);
  // R-BILL-3: whether it will be billable, by the domain's own rules on the ticket's facts.
  const preview = policy && startedAt ? classifyWork(
    [...(work.data?.items ?? []).map((w) => ({ ...w, note: w.note ?? null })), {
      id: '~preview', ticketId: ticket.id, ticketNumber: ticket.number, organisationId: ticket.organisationId,
      billToOrganisationId: ticket.partnerId ?? ticket.organisationId, agent: '', loggedAt: now, startedAt, minutes, kind, outOfScope, note: null,
    }],
    new Map([[ticket.id, { fault: ticket.fault, entitlement: ticket.entitlement }]]), policy,
  ).filter((l) => l.entryId === '~preview') : [];
  const billable = preview.filter((l) => l.billable);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!startedAt) return;
    if (await send({ kind: 'work', body: { startedAt, minutes, kind, outOfScope, ...(note.trim() ? { note } : {}) } })) setNote((now) => (now === note ? '' : now));
  };
  return (
    <>
      <form onSubmit={submit}>
        <label>{t('ws.workStart')}<input type="datetime-local" value={start} onChange={(e) => setStart(e.target.value)} required /></label>
        <label>{t('ws.workMinutes')}<input type="number" min={1} max={1440} value={minutes} onChange={(e) => setMinutes(Number(e.target.value))} required /></label>
        <label>{t('ws.workKind')}
          <select value={kind} onChange={(e) => setKind(e.target.value as typeof kind)}>
            {(['remote', 'on-site', 'travel'] as const).map((k) => <option key={k} value={k}>{t(`ws.work.${k}`)}</option>)}
          </select>
        </label>
        <label className="inline"><input type="checkbox" checked={outOfScope} onChange={(e) => setOutOfScope(e.target.checked)} /> {t('ws.outOfScope')}</label>
        <label>{t('ws.workNote')}<input type="text" value={note} onChange={(e) => setNote(e.target.value)} /></label>
        {preview.length ? (
          <p role="status">{billable.length
            ? t('ws.billable', { why: [...new Set(billable.map((l) => t(`reason.${l.reason}`)))].join(', ') })
            : t('ws.notBillable', { why: [...new Set(preview.map((l) => t(`reason.${l.reason}`)))].join(', ') })}</p>
        ) : null}
        <button type="submit" disabled={busy || !startedAt}>{t('ws.work')}</button>
      </form>
      {work.data?.items.length ? (
        <>
          <h3>{t('ws.workLog')}</h3>
          <ul>{work.data.items.map((w) => <li key={w.id}>{date(w.startedAt)} · {w.minutes} · {t(`ws.work.${w.kind}`)} · <bdi>{w.agent}</bdi></li>)}</ul>
          <p>{t('ws.workTotal', { n: work.data.totalMinutes })}</p>
        </>
      ) : null}
    </>
  );
}
