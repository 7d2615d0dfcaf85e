// The charter's timelines end to end on DynamoDB Local under a manual clock (issue 4, acceptance):
// HTTP handlers write, the real stream feeds the outbox, the local Scheduler fires the timer
// handler at each wake-up, the local SES keeps the mail. Every email is asserted by recipient,
// language and ticket number, and at its step: nothing before it, nothing else.
import { describe, expect, it } from 'vitest';
import { useDynamoDbLocal } from '../../support/dynamodb.js';
import { AVI, DANA, MOSHE, RESELLER_OPS, useDesks, who, type Desk, type SeenMail } from './desk.js';

const db = useDynamoDbLocal();
const desk = useDesks(db);

const minuteBefore = (at: string) => new Date(Date.parse(at) - 60_000).toISOString();

/** Advances to just before `at` (no mail), then to `at`: exactly `expected`, each naming the ticket in its subject. */
async function expectMailAt(d: Desk, at: string, number: string, expected: string[][]): Promise<SeenMail[]> {
  await d.advanceTo(minuteBefore(at));
  expect(who(await d.newMail()), `nothing before ${at}`).toEqual([]);
  await d.advanceTo(at);
  const mail = await d.newMail();
  expect(who(mail), `at ${at}`).toEqual(expected);
  for (const m of mail) {
    expect(m.subject.startsWith(`[${number}] `), m.subject).toBe(true);
    expect(m.ticketNumber).toBe(number);
    expect(m.log.language).toBe(m.language);
  }
  return mail;
}

// Thursday 26 March 2026, Israel Standard Time (UTC+2). On Friday 27 March Israel moves to
// summer time (UTC+3): after it, 10:00 in Israel is 07:00Z. Pesach 2026 closes Apr 1-2 and Apr 7-8.
const THU_0900 = '2026-03-26T07:00:00.000Z';
const THU_0930 = '2026-03-26T07:30:00.000Z';
const THU_1000 = '2026-03-26T08:00:00.000Z';
const MON_30_1000 = '2026-03-30T07:00:00.000Z'; // +2 business days: Sun 29 (+1), Mon 30 (+2), same clock time after the DST change
const SUN_05_1000 = '2026-04-05T07:00:00.000Z'; // +4: Tue 31 (+3), Pesach Wed 1 - Thu 2 closed, Sun 5 (+4)
const THU_09_1000 = '2026-04-09T07:00:00.000Z'; // +6: Mon 6 (+5), Pesach Tue 7 - Wed 8 closed, Thu 9 (+6)
const MON_13_1000 = '2026-04-13T07:00:00.000Z'; // Resolved + 2: Sun 12 (+1), Mon 13 (+2)
const WED_15_1000 = '2026-04-15T07:00:00.000Z'; // Resolved + 4
const SUN_19_1000 = '2026-04-19T07:00:00.000Z'; // Resolved + 6: Thu 16 (+5), Sun 19 (+6)

const CUSTOMER_SIDE = (template: string) => [[template, MOSHE.email, 'he'], [template, RESELLER_OPS.email, 'en']];

describe('R-PEND-2, R-PEND-3, R-PEND-4, R-CLOSE-2, R-CLOSE-3, R-CLOSE-4: a silent customer is reminded, resolved, checked in with and closed', () => {
  it('R-COMM-1: mails the customer and its partner at +2, +4 and +6 business days of each chain, across the DST change and both Pesach closures', async () => {
    const d = await desk(THU_0900);
    const t = await d.open(MOSHE); // a partner's customer: its partner's contact hears it all, in English (R-PARTY-2)
    expect(who(await d.newMail())).toEqual(CUSTOMER_SIDE('ticket-opened'));
    d.clock.set(THU_0930);
    await d.reply(AVI, t.id, 'We are looking at the reload log.');
    expect(who(await d.newMail())).toEqual(CUSTOMER_SIDE('agent-reply'));
    d.clock.set(THU_1000);
    await d.transition(AVI, t.id, { to: 'pending-customer', reason: 'Please send the reload log.' }); // R-PEND-1
    expect(who(await d.newMail())).toEqual(CUSTOMER_SIDE('information-requested'));

    await expectMailAt(d, MON_30_1000, t.number, CUSTOMER_SIDE('pending-reminder')); // R-PEND-2
    await expectMailAt(d, SUN_05_1000, t.number, CUSTOMER_SIDE('pending-reminder')); // R-PEND-3
    await expectMailAt(d, THU_09_1000, t.number, CUSTOMER_SIDE('ticket-resolved')); // R-PEND-4
    expect((await d.ticket(t.id)).status).toBe('resolved');
    await expectMailAt(d, MON_13_1000, t.number, CUSTOMER_SIDE('resolution-check-in')); // R-CLOSE-2
    await expectMailAt(d, WED_15_1000, t.number, CUSTOMER_SIDE('resolution-check-in')); // R-CLOSE-3
    const [closed] = await expectMailAt(d, SUN_19_1000, t.number, CUSTOMER_SIDE('ticket-closed')); // R-CLOSE-4
    expect(closed!.log.notificationId).toContain('#ticket-closed#');

    const final = await d.ticket(t.id);
    expect(final).toMatchObject({ status: 'closed', nextWakeAt: null });
    expect(d.scheduler.pending()).toEqual([]); // closed: the outbox removed its schedule
    await d.advanceTo('2026-06-01T07:00:00.000Z');
    expect(await d.newMail()).toEqual([]);
  });
});

describe('R-SLA-6, R-ESC-3: a ticket answered late warns, breaches and escalates to the right staff', () => {
  // Urgent, opened Thursday 15:00 (UTC+2): 3 business hours run to Sunday 09:30 (UTC+3), across the weekend and the DST change.
  const THU_1500 = '2026-03-26T13:00:00.000Z';
  const THU_1510 = '2026-03-26T13:10:00.000Z';
  const SUN_0854 = '2026-03-29T05:54:00.000Z'; // 80% of the first response's 3 h
  const SUN_0930 = '2026-03-29T06:30:00.000Z'; // first response due
  const SUN_1000 = '2026-03-29T07:00:00.000Z'; // the late answer; the contact clock (6 h) starts
  const SUN_1448 = '2026-03-29T11:48:00.000Z'; // 80% of the contact target
  const SUN_1600 = '2026-03-29T13:00:00.000Z'; // contact due: the ticket's second breach

  it('warns the assignee, then tells the assignee and the next tier of the breach, and the HOS of the second', async () => {
    const d = await desk(THU_1500);
    const t = await d.open(DANA, { severity: 'urgent' });
    expect(who(await d.newMail())).toEqual([['ticket-opened', DANA.email, 'he']]);
    d.clock.set(THU_1510);
    await d.assign(AVI, t.id, AVI.email);
    expect(await d.newMail()).toEqual([]);

    await expectMailAt(d, SUN_0854, t.number, [['sla-warning', AVI.email, 'en']]);
    await expectMailAt(d, SUN_0930, t.number, [['sla-breached', AVI.email, 'en'], ['sla-breached', 'duty2@center.example', 'he']]);
    await d.advanceTo(SUN_1000);
    await d.reply(AVI, t.id, 'Sorry for the wait: the cluster is back.');
    expect(who(await d.newMail())).toEqual([['agent-reply', DANA.email, 'he']]);
    await expectMailAt(d, SUN_1448, t.number, [['sla-warning', AVI.email, 'en']]);
    const breach = await expectMailAt(d, SUN_1600, t.number, [
      ['sla-breached', AVI.email, 'en'], ['sla-breached', 'duty2@center.example', 'he'], ['sla-breached', 'hos@center.example', 'en'],
    ]);
    expect(breach.map((m) => m.log.recipient)).toEqual([AVI.email, 'duty2@center.example', 'hos@center.example']);
    const ticket = await d.ticket(t.id);
    expect(ticket.breachCount).toBe(2);
    expect(ticket.sla.firstResponse).toMatchObject({ warnedAt: SUN_0854, breachedAt: SUN_0930, metAt: SUN_1000 });

    await d.advanceTo('2026-03-30T06:00:00.000Z'); // Monday 09:00: nothing more is due
    expect(await d.newMail()).toEqual([]);
  });

  it('warns the tier\'s duty contact while nobody is assigned, and is silent when the answer is on time', async () => {
    const d = await desk(THU_1500);
    const t = await d.open(DANA, { severity: 'urgent' });
    await d.newMail();
    await expectMailAt(d, SUN_0854, t.number, [['sla-warning', 'duty1@center.example', 'en']]);
    await d.advanceTo('2026-03-29T06:00:00.000Z'); // answered at 09:00, before 09:30
    await d.reply(AVI, t.id, 'On it.');
    expect(who(await d.newMail())).toEqual([['agent-reply', DANA.email, 'he']]);
    await d.advanceTo(SUN_0930);
    expect(await d.newMail()).toEqual([]); // no breach, no escalation
    expect((await d.ticket(t.id)).breachCount).toBe(0);
  });
});

describe('R-COMM-2: a message from the center unanswered for 2 business days moves the ticket to Pending Customer', () => {
  it('moves it without an email of its own, and the reminders follow from there (R-PEND-2)', async () => {
    const d = await desk(THU_0900);
    const t = await d.open(DANA);
    d.clock.set(THU_0930);
    await d.reply(AVI, t.id, 'Which version do you run?');
    expect(who(await d.newMail())).toEqual([['ticket-opened', DANA.email, 'he'], ['agent-reply', DANA.email, 'he']]);

    const MON_30_0930 = '2026-03-30T06:30:00.000Z'; // +2 business days, 09:30 summer time
    const SUN_05_0930 = '2026-04-05T06:30:00.000Z'; // +2 more: Tue 31 (+1), Pesach Apr 1-2 closed, Sun 5 (+2)
    await d.advanceTo(MON_30_0930);
    expect(await d.ticket(t.id)).toMatchObject({ status: 'pending-customer', statusSince: MON_30_0930 });
    expect(await d.newMail()).toEqual([]); // R-PEND-1 mails when an agent asks; the timer's move says nothing new
    await expectMailAt(d, SUN_05_0930, t.number, [['pending-reminder', DANA.email, 'he']]);
  });

  it('an answer within the 2 business days keeps it In Progress', async () => {
    const d = await desk(THU_0900);
    const t = await d.open(DANA);
    d.clock.set(THU_0930);
    await d.reply(AVI, t.id, 'Which version do you run?');
    d.clock.set('2026-03-29T07:00:00.000Z');
    await d.reply(DANA, t.id, '14.2');
    await d.advanceTo('2026-04-06T07:00:00.000Z');
    expect((await d.ticket(t.id)).status).toBe('in-progress');
    expect(who(await d.newMail())).toEqual([['ticket-opened', DANA.email, 'he'], ['agent-reply', DANA.email, 'he']]);
  });
});

describe('R-PEND-1, R-PEND-2, R-PEND-3, R-PEND-4: a customer who answers stops the reminders', () => {
  const FRI_04_16 = '2026-04-16T07:00:00.000Z'; // past where the silent chain would have resolved and checked in
  it.each([
    ['before the first reminder', '2026-03-29T07:00:00.000Z', [] as string[]],
    ['after the first reminder', '2026-03-31T07:00:00.000Z', [MON_30_1000]],
    ['after the second reminder', '2026-04-06T07:00:00.000Z', [MON_30_1000, SUN_05_1000]],
  ])('answered %s: back In Progress, no further reminder, no automatic Resolved', async (_, answerAt, reminders) => {
    const d = await desk(THU_0900);
    const t = await d.open(DANA);
    d.clock.set(THU_0930);
    await d.reply(AVI, t.id, 'Looking into it.'); // the first response, on time
    d.clock.set(THU_1000);
    await d.transition(AVI, t.id, { to: 'pending-customer', reason: 'Which version do you run?' });
    expect(who(await d.newMail())).toEqual([
      ['ticket-opened', DANA.email, 'he'], ['agent-reply', DANA.email, 'he'], ['information-requested', DANA.email, 'he'],
    ]);
    for (const at of reminders) await expectMailAt(d, at, t.number, [['pending-reminder', DANA.email, 'he']]);

    await d.advanceTo(answerAt);
    await d.reply(DANA, t.id, 'Version 14.2, log attached.');
    expect((await d.ticket(t.id)).status).toBe('in-progress');
    await d.advanceTo(FRI_04_16);
    expect(await d.newMail()).toEqual([]);
    expect((await d.ticket(t.id)).status).toBe('in-progress');
  });
});

describe('R-CLOSE-2, R-CLOSE-3, R-CLOSE-4: a customer who answers a check-in stops the closing chain', () => {
  const resolvedTicket = async () => {
    const d = await desk(THU_0900);
    const t = await d.open(DANA);
    d.clock.set(THU_1000);
    await d.transition(AVI, t.id, { to: 'resolved', solution: 'Raised the reload timeout to 2 h.' }); // R-CLOSE-1
    expect(who(await d.newMail())).toEqual([['ticket-opened', DANA.email, 'he'], ['ticket-resolved', DANA.email, 'he']]);
    return { d, t };
  };

  it.each([
    ['before the first check-in', '2026-03-29T07:00:00.000Z', [] as string[]],
    ['after the first check-in', '2026-03-31T07:00:00.000Z', [MON_30_1000]],
    ['after the second check-in', '2026-04-06T07:00:00.000Z', [MON_30_1000, SUN_05_1000]],
  ])('confirmed %s: Closed as confirmed, and no other check-in', async (_, answerAt, checkIns) => {
    const { d, t } = await resolvedTicket();
    for (const at of checkIns) await expectMailAt(d, at, t.number, [['resolution-check-in', DANA.email, 'he']]);
    await d.advanceTo(answerAt);
    await d.decide(DANA, t.id, { decision: 'confirm' });
    const [closed] = await d.newMail();
    expect(closed).toMatchObject({ template: 'ticket-closed', to: DANA.email, language: 'he' });
    expect(closed!.subject.startsWith(`[${t.number}] `)).toBe(true);
    await d.advanceTo('2026-04-30T07:00:00.000Z');
    expect(await d.newMail()).toEqual([]);
    expect(d.scheduler.pending()).toEqual([]);
  });

  // R-CLOSE-2 (Decision) changed this contract: such a reply used to reopen the ticket; now it
  // keeps it Resolved, asks for a decision, and restarts the check-ins from the reply.
  it('R-CLOSE-2: a reply after the second check-in keeps it Resolved: a decision is asked for, and the check-ins restart from the reply', async () => {
    const { d, t } = await resolvedTicket();
    await expectMailAt(d, MON_30_1000, t.number, [['resolution-check-in', DANA.email, 'he']]);
    await expectMailAt(d, SUN_05_1000, t.number, [['resolution-check-in', DANA.email, 'he']]);
    await d.advanceTo('2026-04-06T07:00:00.000Z'); // Monday 6 April 10:00
    await d.reply(DANA, t.id, 'It failed again last night.');
    const [asked, ...rest] = await d.newMail();
    expect(rest).toEqual([]);
    expect(asked).toMatchObject({ template: 'resolution-decision-needed', to: 'duty1@center.example', language: 'en' }); // unassigned: the tier's duty contact
    expect(asked).toMatchObject({ template: 'resolution-decision-needed' });
    expect((await d.ticket(t.id)).status).toBe('resolved');
    // +2: Pesach Tue 7 - Wed 8 closed, Thu 9 (+1), Sun 12 (+2); +4: Tue 14; +6: Thu 16 (not Thu 9, six days from Resolved)
    await expectMailAt(d, '2026-04-12T07:00:00.000Z', t.number, [['resolution-check-in', DANA.email, 'he']]);
    await expectMailAt(d, '2026-04-14T07:00:00.000Z', t.number, [['resolution-check-in', DANA.email, 'he']]);
    await expectMailAt(d, '2026-04-16T07:00:00.000Z', t.number, [['ticket-closed', DANA.email, 'he']]);
    expect((await d.ticket(t.id)).status).toBe('closed');
  });
});
