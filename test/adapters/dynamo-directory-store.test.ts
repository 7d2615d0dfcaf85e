import { describe, expect, it } from 'vitest';
import { DynamoDirectoryStore } from '../../functions/adapters/dynamo-directory-store.js';
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
