// R-RPT-1 on the local stack, over HTTP: a customer has its organisation's ticket report emailed on
// request, subscribes to the weekly report, and gets it when the clock passes Sunday 06:00 in
// Israel (the local stand-in for the EventBridge Scheduler cron), once.
import { describe, expect, it } from 'vitest';
import { useStack, type SesEmail } from './stack.js';

const WED_1000 = '2030-01-02T08:00:00.000Z'; // Wednesday 2 January 2030, 10:00 in Israel (UTC+2)
const SUN_0700 = '2030-01-06T05:00:00.000Z'; // Sunday 6 January, 07:00: after the weekly run at 06:00

const stack = useStack('local-stack-reports', ['--memory', '--seed', '--clock', 'manual']);

const reportsTo = (mail: SesEmail[], email: string) => mail.filter((m) => m.destination.to.join().includes(`<${email}>`) && !m.subject.startsWith('['));

describe('R-RPT-1: ticket reports by email on the local stack', () => {
  let dana: string;
  let number: string;

  it('R-RPT-1: emails the report on request, with the period\'s tickets', async () => {
    await stack.moveClock({ now: WED_1000 });
    dana = await stack.tokenFor('customer', 'dana@acme.example', 'acme');
    const opened = await stack.api('POST', '/tickets', dana, { type: 'incident', severity: 'high', subject: 'Dashboards are blank', description: 'Since the upgrade.' });
    expect(opened.status).toBe(201);
    number = opened.body.number as string;

    const asked = await stack.api('POST', '/organisations/acme/report-emails', dana, { from: '2029-12-31T22:00:00Z', to: '2030-01-02T22:00:00Z' });
    expect(asked.status, JSON.stringify(asked.body)).toBe(202);
    expect(asked.body).toMatchObject({ organisationId: 'acme', frequency: 'on-request', recipient: { email: 'dana@acme.example', language: 'he' } });
    const [report, ...more] = reportsTo(await stack.sentMail(), 'dana@acme.example');
    expect(more).toEqual([]);
    expect(report!.subject).toContain('Acme Ltd');
    expect(report!.body.html).toContain(number);
    expect(report!.body.html).toContain('Dashboards are blank');
  }, 30_000);

  it('R-RPT-1: sends the weekly report at the Sunday run to a subscriber, once', async () => {
    const subscribed = await stack.api('PUT', '/organisations/acme/report-subscriptions/dana@acme.example', dana, { frequency: 'weekly' });
    expect(subscribed.status, JSON.stringify(subscribed.body)).toBe(201);
    expect((await stack.api('GET', '/organisations/acme/report-subscriptions', dana)).body.items).toMatchObject([{ email: 'dana@acme.example', frequency: 'weekly' }]);
    const before = reportsTo(await stack.sentMail(), 'dana@acme.example').length;

    await stack.moveClock({ now: SUN_0700 });
    const weekly = reportsTo(await stack.sentMail(), 'dana@acme.example').slice(before);
    expect(weekly).toHaveLength(1);
    expect(weekly[0]!.body.html).toContain(number); // opened in the week Sunday 30 December - Saturday 5 January
    await stack.moveClock({ advance: 'PT2H' });
    expect(reportsTo(await stack.sentMail(), 'dana@acme.example').slice(before)).toHaveLength(1);

    expect((await stack.api('DELETE', '/organisations/acme/report-subscriptions/dana@acme.example', dana)).status).toBe(204);
    await stack.moveClock({ now: '2030-01-13T05:00:00.000Z' }); // the next Sunday: unsubscribed
    expect(reportsTo(await stack.sentMail(), 'dana@acme.example').slice(before)).toHaveLength(1);
  }, 30_000);
});
