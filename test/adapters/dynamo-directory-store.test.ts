import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { describe, expect, it } from 'vitest';
import { localClientConfig } from '../../bin/local/dynamodb-local.js';
import { DynamoDirectoryStore } from '../../functions/adapters/dynamo-directory-store.js';
import type { ReportSubscription } from '../../functions/adapters/store.js';
import { ContactSchema, OrganisationSchema } from '../../functions/domain/index.js';
import { useDynamoDbLocal } from '../support/dynamodb.js';

const db = useDynamoDbLocal();
const store = () => new DynamoDirectoryStore(db.client, db.tableName);
const org = (id: string, over: object = {}) => OrganisationSchema.parse({ id, name: id, kind: 'direct', subscription: null, ...over });

describe('DynamoDirectoryStore on DynamoDB Local', () => {
  it('R-PARTY-1: stores the three kinds of organisation, versioned, and lists a partner\'s customers', async () => {
    expect(await store().putOrganisation(org('partner-one', { kind: 'partner' }), 0)).toMatchObject({ version: 1 });
    await store().putOrganisation(org('globex', { kind: 'partner-customer', partnerId: 'partner-one' }), 0);
    await store().putOrganisation(org('initech', { kind: 'partner-customer', partnerId: 'partner-one' }), 0);
    await store().putOrganisation(org('acme'), 0);
    expect((await store().listOrganisations({ limit: 10, partnerId: 'partner-one' })).items.map((o) => o.id)).toEqual(['globex', 'initech']);
    const all = await store().listOrganisations({ limit: 3 });
    expect(all.items).toHaveLength(3);
    expect((await store().listOrganisations({ limit: 3, cursor: all.cursor! })).items).toHaveLength(1);
    expect(await store().getOrganisation('globex')).toMatchObject({ kind: 'partner-customer', partnerId: 'partner-one', version: 1 });
  });

  it('refuses to create twice or to replace a stale version', async () => {
    await store().putOrganisation(org('hooli'), 0);
    await expect(store().putOrganisation(org('hooli'), 0)).rejects.toMatchObject({ code: 'version-conflict' });
    await store().putOrganisation(org('hooli', { name: 'Hooli XYZ' }), 1);
    await expect(store().putOrganisation(org('hooli', { name: 'stale' }), 1)).rejects.toMatchObject({ code: 'version-conflict' });
    expect(await store().getOrganisation('hooli')).toMatchObject({ name: 'Hooli XYZ', version: 2 });
  });

  it('finds a contact by email whatever its case, and keeps an email to one organisation', async () => {
    await store().putContact(ContactSchema.parse({ email: 'Dana@Acme.example', organisationId: 'acme', name: 'Dana', language: 'he' }));
    expect(await store().findContact('dana@acme.EXAMPLE')).toMatchObject({ organisationId: 'acme', language: 'he' });
    await expect(store().putContact(ContactSchema.parse({ email: 'dana@acme.example', organisationId: 'globex', name: 'Dana' }))).rejects.toMatchObject({ code: 'invalid-transition' });
    expect((await store().listContacts('acme')).map((c) => c.email)).toEqual(['dana@acme.example']);
    await store().deleteContact('acme', 'dana@acme.example');
    expect(await store().findContact('dana@acme.example')).toBeNull();
  });
});

const aSubscription = (organisationId: string, email: string, over: Partial<ReportSubscription> = {}): ReportSubscription => ({
  organisationId, email, name: email.split('@')[0]!, language: 'he', frequency: 'weekly', createdAt: '2026-06-07T05:30:00.000Z', ...over,
});
const emails = (subs: ReportSubscription[]) => subs.map((s) => `${s.organisationId}:${s.email}`);

describe('R-RPT-1: report subscriptions on DynamoDB Local', () => {
  it('R-RPT-1: keeps one subscription per organisation and email, listed by email, and deletes it', async () => {
    await store().putReportSubscription(aSubscription('rpt-acme', 'zeev@acme.example'));
    expect(await store().putReportSubscription(aSubscription('rpt-acme', 'Avi@Acme.example', { language: 'en' }))).toMatchObject({ email: 'avi@acme.example' });
    await store().putReportSubscription(aSubscription('rpt-acme', 'avi@acme.example', { frequency: 'monthly', name: 'Avi' })); // replaces
    const listed = await store().listReportSubscriptions('rpt-acme');
    expect(listed).toEqual([
      aSubscription('rpt-acme', 'avi@acme.example', { frequency: 'monthly', name: 'Avi' }),
      aSubscription('rpt-acme', 'zeev@acme.example'),
    ]);
    expect(await store().listReportSubscriptions('rpt-nobody')).toEqual([]);
    expect(await store().deleteReportSubscription('rpt-acme', 'AVI@acme.example')).toBe(true);
    expect(await store().deleteReportSubscription('rpt-acme', 'avi@acme.example')).toBe(false);
    expect(emails(await store().listReportSubscriptions('rpt-acme'))).toEqual(['rpt-acme:zeev@acme.example']);
  });

  it('R-RPT-1: lists every organisation\'s subscriptions of a frequency, and a new frequency moves one', async () => {
    await store().putReportSubscription(aSubscription('rpt-globex', 'b@globex.example', { frequency: 'monthly' }));
    await store().putReportSubscription(aSubscription('rpt-globex', 'a@globex.example', { frequency: 'monthly' }));
    await store().putReportSubscription(aSubscription('rpt-initech', 'c@initech.example', { frequency: 'weekly' }));
    const monthly = emails(await store().listReportSubscriptionsByFrequency('monthly'));
    expect(monthly.filter((e) => e.startsWith('rpt-globex') || e.startsWith('rpt-initech'))).toEqual(['rpt-globex:a@globex.example', 'rpt-globex:b@globex.example']);
    await store().putReportSubscription(aSubscription('rpt-initech', 'c@initech.example', { frequency: 'monthly' }));
    await store().putReportSubscription(aSubscription('rpt-globex', 'a@globex.example', { frequency: 'weekly' }));
    expect(emails(await store().listReportSubscriptionsByFrequency('monthly')).filter((e) => /^rpt-(globex|initech):/.test(e)))
      .toEqual(['rpt-globex:b@globex.example', 'rpt-initech:c@initech.example']);
    expect(emails(await store().listReportSubscriptionsByFrequency('weekly')).filter((e) => /^rpt-(globex|initech):/.test(e)))
      .toEqual(['rpt-globex:a@globex.example']);
  });

  it('reads every page of subscriptions and of contacts (queried here two items at a time)', async () => {
    const client = new DynamoDBClient(localClientConfig(db.endpoint));
    let queries = 0;
    client.middlewareStack.add((next, context) => async (args) => {
      if (context.commandName === 'QueryCommand') { queries += 1; (args.input as { Limit?: number }).Limit = 2; }
      return next(args);
    }, { step: 'initialize' });
    try {
      const paged = new DynamoDirectoryStore(client, db.tableName);
      for (const n of [1, 2, 3, 4, 5]) await paged.putReportSubscription(aSubscription('rpt-pages', `p${n}@pages.example`, { frequency: 'monthly' }));
      expect(emails(await paged.listReportSubscriptions('rpt-pages'))).toHaveLength(5);
      expect(queries).toBeGreaterThanOrEqual(3);
      expect(emails(await paged.listReportSubscriptionsByFrequency('monthly')).filter((e) => e.startsWith('rpt-pages:'))).toHaveLength(5);
      for (const n of [1, 2, 3, 4, 5]) await paged.putContact(ContactSchema.parse({ email: `c${n}@pages.example`, organisationId: 'rpt-pages', name: `C${n}` }));
      expect((await paged.listContacts('rpt-pages')).map((c) => c.email).sort()).toEqual([1, 2, 3, 4, 5].map((n) => `c${n}@pages.example`));
    } finally {
      client.destroy();
    }
  });

  it('keeps subscriptions out of the organisation\'s contacts and out of the list of organisations', async () => {
    await store().putOrganisation(org('rpt-hooli'), 0);
    await store().putContact(ContactSchema.parse({ email: 'gavin@hooli.example', organisationId: 'rpt-hooli', name: 'Gavin' }));
    await store().putReportSubscription(aSubscription('rpt-hooli', 'gavin@hooli.example'));
    await store().putReportSubscription(aSubscription('rpt-hooli', 'jared@hooli.example', { frequency: 'monthly' }));
    expect((await store().listContacts('rpt-hooli')).map((c) => c.email)).toEqual(['gavin@hooli.example']);
    const ids: string[] = [];
    let cursor: string | null | undefined;
    do {
      const page = await store().listOrganisations({ limit: 2, ...(cursor ? { cursor } : {}) });
      ids.push(...page.items.map((o) => o.id));
      cursor = page.cursor;
    } while (cursor);
    expect(ids).toContain('rpt-hooli');
    expect(ids.filter((id) => id.startsWith('rpt-'))).toEqual(['rpt-hooli']); // no subscription read as an organisation
    expect(await store().getOrganisation('rpt-hooli')).toMatchObject({ id: 'rpt-hooli', version: 1 });
    expect(await store().findContact('jared@hooli.example')).toBeNull(); // a subscriber is not made a contact
    await store().deleteContact('rpt-hooli', 'gavin@hooli.example');
    expect(emails(await store().listReportSubscriptions('rpt-hooli'))).toEqual(['rpt-hooli:gavin@hooli.example', 'rpt-hooli:jared@hooli.example']);
  });
});
