// Issue 5: a charter timeline of the center's side, over the local stack's real HTTP with a
// manual clock: an urgent ticket nobody answers warns at 80% of its first-response time and
// breaches at 100%, each told to the right staff by email (R-SLA-6, R-ESC-3).
import { describe, expect, it } from 'vitest';
import { useStack, type SesEmail } from './stack.js';

// Sunday 6 January 2030, 09:00 in Israel (UTC+2): urgent = 3 business hours → due 12:00, warned at 11:24.
const SUN_0900 = '2030-01-06T07:00:00.000Z';
const WARN_AT = '2030-01-06T09:24:00.000Z';
const DUE_AT = '2030-01-06T10:00:00.000Z';
const minuteBefore = (at: string) => new Date(Date.parse(at) - 60_000).toISOString();

const stack = useStack('escalation', ['--memory', '--seed', '--clock', 'manual']);

/** The bare address of `"Tier 1" <tier1@center.example>`. */
const addressOf = (to: string) => /<([^>]+)>$/.exec(to)?.[1] ?? to;

const staffMail = (emails: SesEmail[], number: string) =>
  emails.filter((e) => e.subject.startsWith(`[${number}] `)).flatMap((e) => e.destination.to.map(addressOf))
    .filter((to) => to.endsWith('@center.example')).sort();

describe('R-SLA-6, R-ESC-3: an unanswered urgent ticket warns, then breaches and escalates, by email to staff', () => {
  it('warns the duty agent at 80% and escalates the breach to the next tier at 100%, not a minute early', async () => {
    await stack.moveClock({ now: SUN_0900 });
    const dana = await stack.tokenFor('customer', 'dana@acme.example', 'acme');
    const opened = await stack.api('POST', '/tickets', dana, { type: 'incident', severity: 'urgent', subject: 'Cloud down', description: 'Nothing loads.' });
    expect(opened.status).toBe(201);
    const { number } = opened.body as { number: string };
    expect(opened.body.sla.firstResponse).toMatchObject({ dueAt: DUE_AT, warnAt: WARN_AT });

    await stack.moveClock({ now: minuteBefore(WARN_AT) });
    expect(staffMail(await stack.sentMail(), number)).toEqual([]);
    await stack.moveClock({ now: WARN_AT });
    expect(staffMail(await stack.sentMail(), number)).toEqual(['tier1@center.example']); // unassigned: the tier-1 duty contact

    await stack.moveClock({ now: minuteBefore(DUE_AT) });
    expect(staffMail(await stack.sentMail(), number)).toHaveLength(1);
    await stack.moveClock({ now: DUE_AT });
    const after = staffMail(await stack.sentMail(), number);
    expect(after).toEqual(['tier1@center.example', 'tier1@center.example', 'tier2@center.example']);
    const ticket = await stack.api('GET', `/tickets/${opened.body.id}`, dana);
    expect(ticket.body.sla.firstResponse.breachedAt).toBe(DUE_AT);
  });
});
