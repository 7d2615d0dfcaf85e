// The demo world of `npm start -- --seed` (issue 5), with fixed ids and addresses so the README's
// walk-through and the end-to-end tests can name them. Seeding twice (a restart with --data)
// leaves what is there.
import type { DirectoryStore } from '../../functions/adapters/store.js';
import type { ArticleStore } from '../../functions/adapters/article-store.js';
import { seedArticles } from './seed-articles.js';
import { ContactSchema, OrganisationSchema, type Organisation } from '../../functions/domain/index.js';
import { StaffRosterSchema, type StaffRoster } from '../../functions/handlers/runtime-config.js';

// Wide validity: the manual clock may be moved years ahead. `lapsed` ended before any clock.
const ALWAYS = { validFrom: '2020-01-01', validTo: '2099-12-31' };
const ENDED = { validFrom: '2020-01-01', validTo: '2024-12-31' };

const org = (o: Partial<Organisation> & Pick<Organisation, 'id' | 'name' | 'kind'>): Organisation =>
  OrganisationSchema.parse({ partnerId: null, subscription: ALWAYS, packages: [], csm: null, cse: null, ...o });

export const SEED_ORGANISATIONS: readonly Organisation[] = [
  org({ id: 'acme', name: 'Acme Ltd', kind: 'direct' }),
  org({ id: 'partner-one', name: 'Partner One', kind: 'partner' }), // before its customers
  org({ id: 'globex', name: 'Globex (a Partner One customer)', kind: 'partner-customer', partnerId: 'partner-one' }),
  org({ id: 'initech', name: 'Initech (a Partner One customer)', kind: 'partner-customer', partnerId: 'partner-one' }),
  org({ // R-SLA-3, R-CAL-3, R-ENT-3
    id: 'css-co', name: 'CSS Co', kind: 'direct',
    packages: [{ kind: 'css', ...ALWAYS }, { kind: 'extended-hours', ...ALWAYS }],
    csm: { name: 'Customer Success Manager', email: 'manager@center.example' },
  }),
  org({ id: 'lapsed', name: 'Lapsed Ltd', kind: 'direct', subscription: ENDED }), // R-ENT-1
];

export const SEED_CONTACTS = [
  { email: 'dana@acme.example', organisationId: 'acme', name: 'דנה כהן', language: 'he' },
  { email: 'sam@acme.example', organisationId: 'acme', name: 'Sam Smith', language: 'en' },
  { email: 'ops@partner-one.example', organisationId: 'partner-one', name: 'Partner One Ops', language: 'en' },
  { email: 'lee@globex.example', organisationId: 'globex', name: 'Lee', language: 'en' },
  { email: 'noa@css-co.example', organisationId: 'css-co', name: 'נועה', language: 'he' },
  { email: 'ron@lapsed.example', organisationId: 'lapsed', name: 'רון', language: 'he' },
].map((c) => ContactSchema.parse(c));

/** The center's people: tier duty contacts, the HOS and the CCO (the outbox's STAFF_ROSTER). */
export const SEED_STAFF: StaffRoster = StaffRosterSchema.parse({
  tierDuty: {
    1: { email: 'tier1@center.example', name: 'Tier 1', language: 'en' },
    2: { email: 'tier2@center.example', name: 'Tier 2', language: 'en' },
    3: { email: 'tier3@center.example', name: 'Tier 3', language: 'en' },
    4: { email: 'manager@center.example', name: 'Support Manager (vendor desk)', language: 'en' }, // the local desk has no vendor desk of its own
  },
  hos: { email: 'hos@center.example', name: 'Head of Support', language: 'en' },
  cco: { email: 'cco@center.example', name: 'Chief Customer Officer', language: 'en' },
  staff: [{ email: 'manager@center.example', name: 'Support Manager', language: 'en' }],
});

export async function seedWorld(directory: DirectoryStore, articles?: Pick<ArticleStore, 'get' | 'save'>): Promise<void> {
  for (const o of SEED_ORGANISATIONS) {
    if (!(await directory.getOrganisation(o.id))) await directory.putOrganisation(o, 0);
  }
  for (const c of SEED_CONTACTS) {
    if (!(await directory.findContact(c.email))) await directory.putContact(c);
  }
  if (articles) await seedArticles(articles); // R-KB-1: the information center
}
