// One small world for the HTTP integration tests: organisations of every kind (R-PARTY-1) with
// their entitlements (R-ENT-1..3), and the people who call the API. seedWorld() puts it into the
// table through the real directory store.
import type { DirectoryStore } from '../../functions/adapters/store.js';
import { ContactSchema, OrganisationSchema, type Organisation } from '../../functions/domain/index.js';
import type { Identity } from './http-api.js';

/** Sunday 7 June 2026, 09:00 Israel time (IDT, UTC+3): a plain business morning. */
export const SUN_0900 = '2026-06-07T06:00:00.000Z';

const YEAR_2026 = { validFrom: '2026-01-01', validTo: '2026-12-31' };
const YEAR_2025 = { validFrom: '2025-01-01', validTo: '2025-12-31' };
const CSM = { name: 'Maya Levi', email: 'maya.csm@center.example' };
const CSE = { name: 'Eli Cohen', email: 'eli.cse@center.example' };

const org = (o: Partial<Organisation> & Pick<Organisation, 'id' | 'name' | 'kind'>): Organisation =>
  OrganisationSchema.parse({ partnerId: null, subscription: YEAR_2026, packages: [], csm: null, cse: null, ...o });

export const ORGS = {
  acme: org({ id: 'acme', name: 'Acme Ltd', kind: 'direct' }),
  globex: org({ id: 'globex', name: 'Globex', kind: 'direct' }),
  northwind: org({ id: 'northwind', name: 'Northwind Partners', kind: 'partner' }),
  contoso: org({ id: 'contoso', name: 'Contoso (a Northwind customer)', kind: 'partner-customer', partnerId: 'northwind' }),
  fabrikam: org({ id: 'fabrikam', name: 'Fabrikam Partners', kind: 'partner' }),
  lapsed: org({ id: 'lapsed', name: 'Lapsed Ltd', kind: 'direct', subscription: YEAR_2025 }), // R-ENT-1
  lapsedPc: org({ id: 'lapsed-pc', name: 'Lapsed (a Northwind customer)', kind: 'partner-customer', partnerId: 'northwind', subscription: YEAR_2025 }),
  nightowl: org({ // R-CAL-3; R-ENT-2: an expired package is not in force
    id: 'nightowl', name: 'Night Owl', kind: 'direct',
    packages: [{ kind: 'extended-hours', ...YEAR_2026 }, { kind: 'installs-upgrades', ...YEAR_2025 }],
  }),
  stellar: org({ id: 'stellar', name: 'Stellar', kind: 'direct', packages: [{ kind: 'css', ...YEAR_2026 }], csm: CSM, cse: CSE }), // R-SLA-3, R-ENT-3
  tailspin: org({ // R-PARTY-3: a partner's customer with the same packages as a direct one
    id: 'tailspin', name: 'Tailspin (a Northwind customer)', kind: 'partner-customer', partnerId: 'northwind',
    packages: [{ kind: 'extended-hours', ...YEAR_2026 }, { kind: 'css', ...YEAR_2026 }], csm: CSM, cse: null,
  }),
} satisfies Record<string, Organisation>;

const customer = (organisation: string, name: string): Identity => ({ role: 'customer', organisation, email: `${name}@${organisation}.example` });
const staff = (role: Identity['role'], name: string): Identity => ({ role, organisation: null, email: `${name}@center.example` });

export const PEOPLE = {
  dana: customer('acme', 'dana'),
  noa: customer('acme', 'noa'), // Dana's colleague (R-TKT-6)
  gil: customer('globex', 'gil'),
  tom: customer('contoso', 'tom'),
  pat: { role: 'partner', organisation: 'northwind', email: 'pat@northwind.example' },
  fay: { role: 'partner', organisation: 'fabrikam', email: 'fay@fabrikam.example' },
  lena: customer('lapsed', 'lena'),
  lior: customer('lapsed-pc', 'lior'),
  owen: customer('nightowl', 'owen'),
  stella: customer('stellar', 'stella'),
  tess: customer('tailspin', 'tess'),
  tier1: staff('agent-tier1', 'tier1'),
  tier2: staff('agent-tier2', 'tier2'),
  tier3: staff('agent-tier3', 'tier3'),
  manager: staff('support-manager', 'manager'),
  officer: staff('customer-officer', 'officer'),
  admin: staff('admin', 'admin'),
} satisfies Record<string, Identity>;

/** Puts every organisation (partners first) and every customer-side person through the directory store. */
export async function seedWorld(directory: DirectoryStore): Promise<void> {
  const orgs = Object.values(ORGS).sort((a, b) => Number(a.kind !== 'partner') - Number(b.kind !== 'partner'));
  for (const o of orgs) await directory.putOrganisation(o, 0);
  await Promise.all(Object.entries(PEOPLE).filter(([, p]) => p.organisation !== null).map(([name, p]) =>
    directory.putContact(ContactSchema.parse({ email: p.email, organisationId: p.organisation, name }))));
}
