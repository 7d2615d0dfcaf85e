// Issue 12, security acceptance on DynamoDB Local: long ids, 3,000 References, a 500 KB body, a
// message over the total limit, bad attachments, control characters and bidi in subjects. Each
// has a clear, permanent outcome, and nothing is lost.
import { afterEach, describe, expect, it } from 'vitest';
import { useDynamoDbLocal } from '../../support/dynamodb.js';
import { DEFAULT_MAIL_LIMITS } from '../../../functions/adapters/mail/mail-limits.js';
import { CONTACTS, OUR_DOMAIN, openInboundDesk, SENT, type InboundDesk } from './inbound-desk.js';

const db = useDynamoDbLocal();
const SUN_0900 = '2026-06-07T06:00:00.000Z';
const desks: InboundDesk[] = [];
afterEach(async () => { await Promise.all(desks.splice(0).map((d) => d.stop())); });
const desk = async () => { const d = await openInboundDesk(db, SUN_0900); desks.push(d); return d; };

type Part = { filename: string; contentType: string; bytes: Buffer };
/** A message from Dana (SPF passes for her domain), to `to`, with optional attachments. */
function message(o: { to?: string; subject?: string; body?: string; headers?: string[]; parts?: Part[] } = {}) {
  const to = o.to ?? `support@${OUR_DOMAIN}`;
  const head = [
    `From: Dana Levi <${CONTACTS.dana.email}>`, `To: ${to}`, `Subject: ${o.subject ?? 'Limits'}`, 'Date: Sun, 7 Jun 2026 10:00:00 +0300',
    ...(o.headers ?? ['Message-ID: <limits-1@acme.example>']), 'MIME-Version: 1.0',
  ];
  const text = ['Content-Type: text/plain; charset=utf-8', 'Content-Transfer-Encoding: 8bit', '', o.body ?? 'Hello'].join('\r\n');
  const raw = !o.parts?.length ? [...head, text].join('\r\n') : [
    ...head, 'Content-Type: multipart/mixed; boundary="b1"', '', '--b1', text,
    ...o.parts.flatMap((p) => ['--b1', `Content-Type: ${p.contentType}; name="${p.filename}"`, `Content-Disposition: attachment; filename="${p.filename}"`,
      'Content-Transfer-Encoding: base64', '', p.bytes.toString('base64').replace(/.{76}/g, '$&\r\n')]),
    '--b1--', '',
  ].join('\r\n');
  // latin1 in the desk's delivery: encode the UTF-8 bytes so
  return { raw: Buffer.from(raw, 'utf8').toString('latin1'), recipients: [to], envelopeFrom: CONTACTS.dana.email, verdicts: { spf: 'PASS' } as const };
}

describe('limits: hostile or huge mail has a permanent outcome and loses nothing', () => {
  it('a 3 KB Message-ID and a 3 KB In-Reply-To: no failure; the ticket found by its plus-address, the message known by SES\'s id', async () => {
    const d = await desk();
    const ticket = await d.open(CONTACTS.dana.email);
    const long = `<${'x'.repeat(3000)}@acme.example>`;
    const outcome = await d.deliver('long-ids', message({ to: `support+${ticket.number}@${OUR_DOMAIN}`, headers: [`Message-ID: ${long}`, `In-Reply-To: ${long}`] }));
    expect(outcome).toMatchObject({ outcome: 'replied', ticketId: ticket.id, messageId: null, detail: `plus-address ${ticket.number}` });
  });

  it('3,000 References: the nearest few are looked up (the thread\'s latest of ours is last) and the ticket found', async () => {
    const d = await desk();
    const ticket = await d.open(CONTACTS.dana.email);
    await d.sent(ticket, SENT.agent1);
    const refs = Array.from({ length: 3000 }, (_, i) => `<ref-${i}@elsewhere.example>`).concat(SENT.agent1).join(' ');
    const outcome = await d.deliver('refs', message({ headers: ['Message-ID: <refs-1@acme.example>', `References: ${refs}`] }));
    expect(outcome).toMatchObject({ outcome: 'replied', ticketId: ticket.id, detail: `our-message-id ${SENT.agent1}` });
  });

  it('a 500 KB pasted log: kept whole beside the ticket, a 20,000-character preview on the message', async () => {
    const d = await desk();
    const ticket = await d.open(CONTACTS.dana.email);
    const log = Array.from({ length: 10_000 }, (_, i) => `2026-06-07 10:00:${String(i % 60).padStart(2, '0')} ERROR reload failed step ${i} שגיאה`).join('\n');
    expect(Buffer.byteLength(log)).toBeGreaterThan(500_000);
    const outcome = await d.deliver('big-body', message({ to: `support+${ticket.number}@${OUR_DOMAIN}`, body: log }));
    expect(outcome).toMatchObject({ outcome: 'replied', ticketId: ticket.id });
    const last = (await d.record(ticket.id)).messages.at(-1)!;
    expect(last.body).toHaveLength(DEFAULT_MAIL_LIMITS.maxInlineBodyChars);
    expect(log.startsWith(last.body)).toBe(true);
    expect(last.fullBody).toEqual({ key: `attachments/${ticket.id}/bodies/${last.id}.txt`, size: Buffer.byteLength(log) });
    expect((await d.objects.read(last.fullBody!.key)).toString('utf8')).toBe(log);
  });

  it('a 10 MB message (a 7 MB attachment) is recorded, the attachment kept', async () => {
    const d = await desk();
    const ticket = await d.open(CONTACTS.dana.email);
    const dump = Buffer.alloc(7 * 1024 * 1024, 7);
    const sent = message({ to: `support+${ticket.number}@${OUR_DOMAIN}`, parts: [{ filename: 'trace.bin', contentType: 'application/octet-stream', bytes: dump }] });
    expect(sent.raw.length).toBeGreaterThan(9_500_000);
    expect(await d.deliver('ten-mb', sent)).toMatchObject({ outcome: 'replied', attachments: 1 });
    const [kept] = (await d.record(ticket.id)).messages.at(-1)!.attachments;
    expect((await d.objects.read(kept!.key)).equals(dump)).toBe(true);
  });

  it('refused: a message over the total limit (20 MiB) is refused whole and logged; nothing is written', async () => {
    const d = await desk();
    const ticket = await d.open(CONTACTS.dana.email);
    const before = await d.keys();
    const big = Buffer.alloc(DEFAULT_MAIL_LIMITS.maxMessageBytes, 'A');
    const outcome = await d.deliver('huge', message({ to: `support+${ticket.number}@${OUR_DOMAIN}`, parts: [{ filename: 'dump.bin', contentType: 'application/octet-stream', bytes: big }] }));
    expect(outcome).toMatchObject({ outcome: 'refused', reason: 'message-too-large', detail: expect.stringMatching(/^\d+ bytes > 20971520$/) });
    expect(await d.keys()).toEqual(before);
    expect(d.lines.at(-1)).toMatchObject({ level: 'warn', outcome: 'refused', reason: 'message-too-large' });
  });

  it('bad attachments: a program, one too large and one too many are refused and listed; the rest kept; the sender told once', async () => {
    const d = await desk();
    const ticket = await d.open(CONTACTS.dana.email);
    const small = (i: number): Part => ({ filename: `shot-${i}.png`, contentType: 'image/png', bytes: Buffer.from(`png ${i}`) });
    const parts = [
      { filename: 'setup.exe', contentType: 'application/octet-stream', bytes: Buffer.from('MZ') },
      { filename: 'core.dump', contentType: 'application/octet-stream', bytes: Buffer.alloc(DEFAULT_MAIL_LIMITS.maxAttachmentBytes + 1, 1) },
      ...Array.from({ length: DEFAULT_MAIL_LIMITS.maxAttachments + 1 }, (_, i) => small(i + 1)),
    ];
    const outcome = await d.deliver('attachments', message({ to: `support+${ticket.number}@${OUR_DOMAIN}`, parts }));
    expect(outcome).toMatchObject({ outcome: 'replied', attachments: DEFAULT_MAIL_LIMITS.maxAttachments, refusedAttachments: 3 });
    const { messages, events } = await d.record(ticket.id);
    expect(messages.at(-1)!.refusedAttachments).toEqual([
      { name: 'setup.exe', contentType: 'application/octet-stream', size: 2, reason: 'type-not-allowed' },
      { name: 'core.dump', contentType: 'application/octet-stream', size: DEFAULT_MAIL_LIMITS.maxAttachmentBytes + 1, reason: 'too-large' },
      { name: 'shot-11.png', contentType: 'image/png', size: 6, reason: 'too-many' },
    ]);
    expect(messages.at(-1)!.attachments.map((a) => a.name)).toEqual(Array.from({ length: 10 }, (_, i) => `shot-${i + 1}.png`));
    expect(events.filter((e) => e.type === 'attachments-refused')).toHaveLength(1);
  });

  it('orphans: the losing deliveries of a race stored attachments for messages never written; those, and only those, are tagged to expire', async () => {
    const WITH_ATTACHMENTS = '<CAJ8vN2wE5rTy7Uk9IqO1pA3sD5fG7hJ9kL1zX3cV5bN7mQ9wEw@mail.gmail.com>';
    const d = await openInboundDesk(db, SUN_0900, {
      // the three race past the early duplicate check, as three Lambdas can; the transaction's marker decides
      inboundTickets: (t) => Object.assign(Object.create(t) as typeof t, { findIdByInboundMessageId: async (id: string) => (id === WITH_ATTACHMENTS ? null : t.findIdByInboundMessageId(id)) }),
    });
    desks.push(d);
    const ticket = await d.open(CONTACTS.dana.email);
    await d.sent(ticket, SENT.agent4);
    const outcomes = await Promise.all([1, 2, 3].map(() => d.deliver('with-attachments.eml', { replace: [['T-1042', ticket.number]] })));
    expect(outcomes.map((o) => o.outcome).sort()).toEqual(['duplicate', 'duplicate', 'replied']);
    const kept = (await d.record(ticket.id)).messages.at(-1)!.attachments.map((a) => a.key);
    expect(kept).toHaveLength(2);
    expect([...d.objects.orphans]).toHaveLength(4);
    expect([...d.objects.orphans].some((key) => kept.includes(key))).toBe(false);
  });

  it('control characters and bidi overrides in a subject: the ticket opened by email has a clean one-line subject', async () => {
    const d = await desk();
    const subject = `=?UTF-8?B?${Buffer.from('Reload\u202eexe.pdf\u0000\u0007 fails\r\nBcc: x@evil.example').toString('base64')}?=`;
    const outcome = await d.deliver('subject', message({ subject }));
    expect(outcome).toMatchObject({ outcome: 'opened' });
    expect((await d.record(outcome.ticketId!)).ticket.subject).toBe('Reloadexe.pdf fails Bcc: x@evil.example');
  });
});
