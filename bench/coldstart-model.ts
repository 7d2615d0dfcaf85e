// One working day of a support center, as bench/coldstart.ts models it: which API requests meet a
// cold Lambda instance under each layout. Every number is stated here; the arrivals are Poisson
// (a seeded generator, so every run models the same day).
import { ROUTES, type Route } from '../functions/handlers/http/routes.js';
import { apiFunctionGroups } from '../lib/api-layout.js';

export const CENTER = {
  agents: 12, // tiers 1-3, a manager, on shift
  customerPeople: 120, // the people of ~60 organisations who use the portal on a given day
  ticketsOpened: 40, // a day: 30 by the API, 10 by email
  ticketsTouched: 120, // open tickets that change on a given day
  workingMinutes: 510, // 08:30-17:00 Israel time, Sunday-Thursday
  /** After this long without a request, an instance is assumed gone (AWS does not publish it; 5-15 min is what people observe). */
  idleMinutes: 10,
  requestMs: 60, // a warm request's duration
  coldInitMs: 400, // a cold start's extra duration (Lambda's own start plus the module init)
  /** The share of the working day an agent's desk is on screen: the queue polls only then (TanStack Query stops in a hidden tab). */
  deskVisible: 0.5,
} as const;

/** The desk's queue polling (web/src/pages/desk/desk-api.ts): a page every 15 s and the whole queue every 30 s, while on screen. */
const QUEUE_POLLS = CENTER.agents * CENTER.workingMinutes * CENTER.deskVisible * (4 + 2);

/** Requests a day per route (entry), derived from the center above. */
export const REQUESTS_PER_DAY: Readonly<Record<string, number>> = {
  'create-ticket': 30,
  'list-tickets': CENTER.agents * 6 * 8.5 + CENTER.customerPeople * 2, // agents' queue every 10 minutes; customers twice a day
  'get-ticket': CENTER.ticketsTouched * 10,
  'update-ticket': 20,
  'add-message': CENTER.ticketsTouched * 3,
  'change-status': 80,
  'decide-resolution': 15,
  'escalate-ticket': 5,
  'log-work': 100,
  'list-work': 60,
  'list-organisations': 10,
  'get-organisation': 60,
  'put-organisation': 2,
  'list-contacts': 20,
  'put-contact': 5,
  'delete-contact': 1,
  'get-statement': 5,
  'close-statement': 0.2,
  'get-ticket-report': 10,
  'email-report': 3,
  'list-report-subscriptions': 3,
  'put-report-subscription': 1,
  'delete-report-subscription': 0.3,
  'get-compliance-report': 5,
  'get-openapi': 2,
  // The knowledge base (issue 11): customers look before they write, agents while they answer.
  'search-articles': CENTER.customerPeople * 1.5 + CENTER.agents * 10,
  'get-article': CENTER.customerPeople * 1 + CENTER.agents * 5,
  'article-feedback': 15,
  'create-article': 2,
  'update-article': 6,
  'publish-article': 2,
  'withdraw-article': 0.3,
  'link-article': 10,
  // The desk (issue 10): the queue it polls, the policy and calendar each time it is opened.
  'get-queue': QUEUE_POLLS,
  'get-policy': CENTER.agents * 4,
  'get-calendar': CENTER.agents * 4,
  // Attachments (issue 9): the new-ticket and reply forms ask for the limits; uploads and downloads.
  'get-upload-limits': CENTER.ticketsOpened + CENTER.ticketsTouched,
  'create-upload': 25,
  'get-attachment': 60,
};
const DEFAULT_PER_DAY = 5; // a route added since this table was written

export type Layout = {
  name: string; functions: 'per-route' | 'groups' | 'one'; coldStarts: number; coldShare: number; grantsWidened: string;
  /** The share among the requests people make (the desk's queue polling left out of the count, not of the traffic). */
  coldShareOfPeople: number;
};

/** A seeded generator (mulberry32): the same day every run. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Request = { atMs: number; route: Route };

function arrivals(): Request[] {
  const next = random(20260607);
  const dayMs = CENTER.workingMinutes * 60_000;
  const requests: Request[] = [];
  for (const route of ROUTES) {
    const rate = (REQUESTS_PER_DAY[route.entry] ?? DEFAULT_PER_DAY) / dayMs;
    for (let t = -Math.log(1 - next()) / rate; t < dayMs; t += -Math.log(1 - next()) / rate) requests.push({ atMs: t, route });
  }
  return requests.sort((a, b) => a.atMs - b.atMs);
}

/** Cold starts when each request goes to `functionOf(route)`: a free instance idle less than idleMinutes, else a new one. */
function coldStarts(requests: readonly Request[], functionOf: (route: Route) => string): { all: number; people: number } {
  const pools = new Map<string, { busyUntil: number; lastUsed: number }[]>();
  const idleMs = CENTER.idleMinutes * 60_000;
  let cold = 0;
  let coldOfPeople = 0;
  for (const { atMs, route } of requests) {
    const pool = (pools.get(functionOf(route)) ?? []).filter((i) => i.busyUntil > atMs || atMs - i.lastUsed < idleMs);
    pools.set(functionOf(route), pool);
    const free = pool.find((i) => i.busyUntil <= atMs);
    if (free) {
      free.busyUntil = atMs + CENTER.requestMs;
      free.lastUsed = free.busyUntil;
    } else {
      cold += 1;
      if (route.entry !== 'get-queue') coldOfPeople += 1;
      pool.push({ busyUntil: atMs + CENTER.requestMs + CENTER.coldInitMs, lastUsed: atMs + CENTER.requestMs + CENTER.coldInitMs });
    }
  }
  return { all: cold, people: coldOfPeople };
}

/** The modelled day under each layout; `chosen` is the one lib/support-api.ts deploys. */
export function modelDay(): { description: string; requests: number; layouts: Layout[]; chosen: Layout } {
  const requests = arrivals();
  const groups = apiFunctionGroups(ROUTES);
  const groupOf = new Map(groups.flatMap((g) => g.routes.map((r) => [r.entry, g.name] as const)));
  const layout = (name: string, functions: Layout['functions'], functionOf: (r: Route) => string, grantsWidened: string): Layout => {
    const cold = coldStarts(requests, functionOf);
    const people = requests.filter((r) => r.route.entry !== 'get-queue').length;
    return { name, functions, coldStarts: cold.all, coldShare: cold.all / requests.length, grantsWidened, coldShareOfPeople: cold.people / people };
  };
  const readsWrites = (r: Route) => (r.table === 'write' ? 'writes' : 'reads');
  const layouts = [
    layout('one function per route', 'per-route', (r) => r.entry, 'none'),
    layout(`one function per part and grant set (${groups.length})`, 'groups', (r) => groupOf.get(r.entry)!, 'GET /articles may write the table (it shares the token-optional function)'),
    layout('readers and writers (2)', 'groups', readsWrites, 'GET /openapi.json may read the table; every reader loads every reader\'s code'),
    layout('one function for every route', 'one', () => 'api', 'every route may write the table'),
  ];
  const description = [
    `modelled day: ${CENTER.agents} agents and ${CENTER.customerPeople} customer people, ${CENTER.ticketsOpened} tickets opened and ${CENTER.ticketsTouched} touched,`,
    `${requests.length} API requests in ${CENTER.workingMinutes} working minutes (${(requests.length / (CENTER.workingMinutes / 60)).toFixed(0)}/hour, of which the desk's queue polling ${(QUEUE_POLLS / (CENTER.workingMinutes / 60)).toFixed(0)}/hour`,
    `with desks on screen ${CENTER.deskVisible * 100}% of the day; get-ticket ${(REQUESTS_PER_DAY['get-ticket']! / 8.5).toFixed(0)}/hour,`,
    `quietest below 1/day), Poisson arrivals, an instance gone after ${CENTER.idleMinutes} idle minutes:`,
  ].join('\n');
  return { description, requests: requests.length, layouts, chosen: layouts[1]! };
}
