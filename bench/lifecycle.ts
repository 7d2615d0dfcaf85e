/**
 * npm run bench:lifecycle — what the timers-and-mail design costs per ticket (issue 4).
 * 10,000 simulated tickets live a month of charter timelines through the real domain
 * (openTicket, replies, status changes, computeDue/applyDue at each nextWakeAt) and the real
 * notification planner. Adapter work is counted per the handlers' code paths:
 *   command (API/timer write)  : 1 Query + 1 TransactWriteItems
 *   timer firing               : 1 Scheduler invocation + 1 Lambda; nothing due: + 1 Scheduler re-arm
 *   outbox, per committed batch: 1 Query (ticket), 1 Scheduler upsert (2 calls right after a firing:
 *                                Update finds the fired schedule deleted, then Create)
 *   outbox, per email          : 1 GSI Query (contact) + 2 writes (claim, mark sent) + 1 SES send
 * Beside it: a design that polls every open ticket every minute. Prices are public list prices
 * (us-east-1, November 2026, stated below); the point is the shape, not the cents.
 * Last line: {"timerInvocationsPerTicket","timerInvocationsPerTicketOpenMonth","costPer10k","pollingCostPer10k"}.
 */
import {
  applyDue, changeStatus, computeDue, defaultPolicy, openTicket, recordAgentReply, recordCustomerReply,
  type Actor, type Change, type Ticket,
} from '../functions/domain/index.js';
import { planNotifications } from '../functions/domain/notifications/index.js';

const PRICES = {
  lambdaRequest: 0.2 / 1e6, lambdaGbSecond: 0.0000133334, // arm64
  dynamoWrite: 0.625 / 1e6, dynamoRead: 0.125 / 1e6, // on-demand request units; a transaction item costs 2 WRU
  schedulerInvocation: 1.0 / 1e6, // Scheduler API calls (Create/Update/Delete) are not billed
  sesEmail: 0.1 / 1000,
};
const LAMBDA_GB_S = 0.5 * 0.1; // 512 MB for ~100 ms
const TICKETS = 10_000;
const MONTH_MS = 30 * 24 * 3600 * 1000;
const START = Date.parse('2026-06-01T00:00:00Z');

let seed = 42;
const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31); // reproducible
const CUSTOMER: Actor = { party: 'customer', id: 'dana@acme.example' };
const AGENT: Actor = { party: 'agent', id: 'tier1@center.example' };
const people = {
  requester: { email: 'dana@acme.example', name: 'Dana' }, assignee: { email: 'tier1@center.example', name: 'Tier 1' },
  tierDuty: Object.fromEntries([1, 2, 3, 4].map((n) => [n, { email: `tier${n}@center.example`, name: `Tier ${n}` }])) as never,
  hos: { email: 'hos@center.example', name: 'HOS' }, cco: { email: 'cco@center.example', name: 'CCO' },
};

type Counts = { commands: number; timerInvocations: number; schedulerCalls: number; reads: number; writeUnits: number; emails: number; openDays: number };
const iso = (ms: number) => new Date(ms).toISOString();

/** One ticket's month. `scenario` picks how the people behave; `silentFor` keeps it open untouched. */
function simulate(n: number, scenario: 'typical' | 'open-week' | 'open-month'): Counts {
  const c: Counts = { commands: 0, timerInvocations: 0, schedulerCalls: 0, reads: 0, writeUnits: 0, emails: 0, openDays: 0 };
  const openedAt = START + Math.floor(random() * 7 * 24 * 3600 * 1000);
  const end = openedAt + MONTH_MS;
  let afterFiring = false;
  const outbox = (before: Ticket, change: Change) => {
    c.reads += 1; // the outbox reads the ticket once per batch
    c.schedulerCalls += afterFiring ? 2 : 1;
    afterFiring = false;
    change.events.forEach((e, i) => {
      const plan = planNotifications({ ...e, id: `${n}#${change.ticket.version}#${i}` }, change.ticket, people, defaultPolicy);
      c.emails += plan.notifications.length;
      c.reads += plan.notifications.length; // contact look-up
      c.writeUnits += 2 * plan.notifications.length; // claim + mark sent
    });
    void before;
  };
  const commit = (before: Ticket, change: Change) => {
    c.commands += 1;
    c.reads += 1;
    c.writeUnits += 2 * (1 + change.events.length); // transactional writes cost 2 WRU per item
    outbox(before, change);
    return change.ticket;
  };
  const severity = (['urgent', 'high', 'normal'] as const)[Math.floor(random() * 3)]!;
  const opened = openTicket({ id: `t${n}`, type: 'incident', severity, organisationId: 'acme', actor: CUSTOMER, entitlement: { subscription: 'active', calendar: 'basic', css: false },
    case: { number: `T-${n}`, subject: 's', channel: 'api', openedBy: CUSTOMER.id, outage: false, remoteAccess: true, partnerId: null, billToOrganisationId: 'acme', packages: [], csm: null, cse: null, linkedTicketId: null } }, defaultPolicy, iso(openedAt));
  let ticket = commit(opened.ticket, opened);
  // The people's actions, as instants; timers fire in between.
  const actions: Array<[number, (t: Ticket, at: string) => Change]> = [];
  const h = 3600 * 1000;
  if (scenario === 'typical') {
    const replyAt = openedAt + (1 + random() * 8) * h; // sometimes late
    actions.push([replyAt, (t, at) => recordAgentReply(t, AGENT, defaultPolicy, at)]);
    if (random() < 0.5) actions.push([replyAt + 2 * h, (t, at) => changeStatus(t, 'pending-customer', AGENT, defaultPolicy, at)]);
    if (random() < 0.5) actions.push([replyAt + 30 * h, (t, at) => (t.status === 'closed' ? { ticket: t, events: [] } : recordCustomerReply(t, CUSTOMER, defaultPolicy, at))]);
    actions.push([replyAt + 50 * h, (t, at) => (['closed', 'resolved'].includes(t.status) ? { ticket: t, events: [] } : changeStatus(t, 'resolved', AGENT, defaultPolicy, at, { solution: 'fixed' }))]);
  } else {
    // Answered once, then left In Progress for a week or a month before it is resolved.
    const replyAt = openedAt + 2 * h;
    actions.push([replyAt, (t, at) => recordAgentReply(t, AGENT, defaultPolicy, at)]);
    actions.push([replyAt + 1 * h, (t, at) => recordCustomerReply(t, CUSTOMER, defaultPolicy, at)]);
    const silence = scenario === 'open-week' ? 7 * 24 * h : MONTH_MS - 3 * h;
    actions.push([replyAt + silence, (t, at) => (['closed', 'resolved'].includes(t.status) ? { ticket: t, events: [] } : changeStatus(t, 'resolved', AGENT, defaultPolicy, at, { solution: 'fixed' }))]);
  }
  actions.sort((a, b) => a[0] - b[0]);
  for (;;) {
    const wake = ticket.nextWakeAt ? Math.ceil(Date.parse(ticket.nextWakeAt) / 60_000) * 60_000 : Infinity; // rounded up to the minute
    const next = actions[0];
    if (Math.min(wake, next?.[0] ?? Infinity) > end) break;
    if (next && next[0] < wake) {
      actions.shift();
      const change = next[1](ticket, iso(next[0]));
      if (change.events.length) ticket = commit(ticket, change);
      continue;
    }
    c.timerInvocations += 1;
    c.reads += 1;
    const due = computeDue(ticket, defaultPolicy, iso(wake));
    if (due.actions.length === 0) { c.schedulerCalls += 1; continue; }
    afterFiring = true;
    ticket = commit(ticket, applyDue(ticket, due, defaultPolicy));
  }
  c.openDays = ((ticket.status === 'closed' ? Date.parse(ticket.statusSince) : end) - openedAt) / (24 * h);
  return c;
}

function run(scenario: 'typical' | 'open-week' | 'open-month', tickets: number) {
  const total: Counts = { commands: 0, timerInvocations: 0, schedulerCalls: 0, reads: 0, writeUnits: 0, emails: 0, openDays: 0 };
  for (let i = 0; i < tickets; i++) for (const [k, v] of Object.entries(simulate(i, scenario))) total[k as keyof Counts] += v;
  const per = Object.fromEntries(Object.entries(total).map(([k, v]) => [k, v / tickets])) as Counts;
  const scale = 10_000 / tickets;
  const lambda = (n: number) => n * (PRICES.lambdaRequest + LAMBDA_GB_S * PRICES.lambdaGbSecond);
  // What both designs pay: the commands, their outbox batches, the emails (timer commits included:
  // a polling design commits the same reminders and closings).
  const commonCost = scale * (lambda(2 * total.commands) + total.commands * 0.5 * PRICES.dynamoRead + total.writeUnits * PRICES.dynamoWrite
    + (total.reads - total.commands - total.timerInvocations) * 0.5 * PRICES.dynamoRead + total.emails * PRICES.sesEmail);
  // What only this design pays to wake tickets: Scheduler invocations, timer Lambdas and their ticket reads.
  const timerCost = scale * (total.timerInvocations * (PRICES.schedulerInvocation + 0.5 * PRICES.dynamoRead) + lambda(total.timerInvocations));
  return { per, commonCost, timerCost, cost10k: commonCost + timerCost };
}

/** Every minute one Lambda reads every open ticket (~2 KB each; eventually consistent reads: 0.5 RRU per 4 KB). */
function pollingTimerCost10k(averageOpenTickets: number) {
  const minutes = 30 * 24 * 60;
  const rruPerPoll = Math.max(1, (averageOpenTickets * 2048) / 4096) * 0.5;
  const pollSeconds = 0.1 + averageOpenTickets * 0.00005;
  return minutes * (PRICES.lambdaRequest + 0.5 * pollSeconds * PRICES.lambdaGbSecond + rruPerPoll * PRICES.dynamoRead);
}

const typical = run('typical', TICKETS);
const week = run('open-week', TICKETS / 10);
const month = run('open-month', TICKETS / 10);
// 10,000 tickets a month, each open `openDays` on average: that many are open at any minute.
const pollingFor = (r: ReturnType<typeof run>) => r.commonCost + pollingTimerCost10k(10_000 * Math.min(1, r.per.openDays / 30));
const show = (name: string, r: ReturnType<typeof run>) => {
  console.log(`  ${name}: ${Object.entries(r.per).map(([k, v]) => `${k} ${v.toFixed(2)}`).join(', ')}`);
  console.log(`    $/month per 10k tickets: ${r.cost10k.toFixed(2)} (waking them: ${r.timerCost.toFixed(2)}); polling every minute instead: ${pollingFor(r).toFixed(2)}`);
};
console.log(`Per ticket, over a month of charter timelines (${TICKETS} typical tickets; ${TICKETS / 10} each answered then left open a week / a month):`);
show('typical', typical);
show('left open one week', week);
show('left open one month', month);
console.log('Prices (list, us-east-1): Lambda $0.20/M requests + $0.0000133334/GB-s (arm64, 512 MB x 100 ms); DynamoDB on-demand');
console.log('  $0.625/M WRU (2 per transactional item), $0.125/M RRU; Scheduler $1.00/M invocations (API calls not billed); SES $0.10/1000.');
console.log(`Timer invocations per ticket: typical ${typical.per.timerInvocations.toFixed(2)}, open a week ${week.per.timerInvocations.toFixed(2)}, open a month ${month.per.timerInvocations.toFixed(2)}: set by the deadlines, not by the time open.`);
console.log(JSON.stringify({
  timerInvocationsPerTicket: +typical.per.timerInvocations.toFixed(2), timerInvocationsPerTicketOpenMonth: +month.per.timerInvocations.toFixed(2),
  costPer10k: +typical.cost10k.toFixed(2), pollingCostPer10k: +pollingFor(typical).toFixed(2),
}));
