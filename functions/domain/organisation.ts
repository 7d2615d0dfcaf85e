import * as z from './zod.js';
import { cleanLine } from './text-hygiene.js';
import type { Policy } from './policy-defaults.js';
import type { Entitlement } from './types.js';
import { instantMs } from './calendar/business-time.js';

const IsoDate = /* @__PURE__ */ z.schema(() => z.string().check(z.regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD')));
/** A validity period, both dates inclusive, in the center's time zone. */
const validity = { validFrom: IsoDate, validTo: IsoDate };
const inOrder = (v: { validFrom: string; validTo: string }) => v.validFrom <= v.validTo;
const notInOrder = { message: 'validFrom must not be after validTo', path: ['validTo'] };
export const ValiditySchema = /* @__PURE__ */ z.schema(() => z.strictObject(validity).check(z.refine(inOrder, notInOrder)));

/** R-ENT-2: the service packages an organisation may hold (basic is everyone's). */
export const PackageKindSchema = /* @__PURE__ */ z.schema(() => z.enum(['extended-hours', 'installs-upgrades', 'extended-support', 'css']));
export type PackageKind = z.infer<typeof PackageKindSchema>;
export const PackageSchema = /* @__PURE__ */ z.schema(() => z.strictObject({ kind: PackageKindSchema, ...validity }).check(z.refine(inOrder, notInOrder)));

/** A name as people type it: one line, without control characters or bidi overrides (issue 12, text hygiene). */
const Name = () => z.string().check(z.overwrite(cleanLine), z.minLength(1), z.maxLength(200));

const PersonSchema = /* @__PURE__ */ z.schema(() => z.strictObject({ name: Name(), email: z.email() }));

/** R-PARTY-1: direct customer, partner's customer, or business partner. */
export const OrganisationKindSchema = /* @__PURE__ */ z.schema(() => z.enum(['direct', 'partner-customer', 'partner']));

const OrganisationIdSchema = /* @__PURE__ */ z.schema(() => z.string().check(z.regex(/^[a-z0-9][a-z0-9-]{1,62}$/, 'lowercase letters, digits and dashes')));

export const OrganisationSchema = /* @__PURE__ */ z.schema(() => z
  .strictObject({
    id: OrganisationIdSchema,
    name: Name(),
    kind: OrganisationKindSchema,
    // The partner that serves a partner's customer (R-PARTY-2): an organisation id like any other
    // (it is looked up by key; an unbounded string made DynamoDB refuse the key: a 500).
    partnerId: z._default(z.nullable(OrganisationIdSchema), null),
    subscription: z.nullable(ValiditySchema), // R-ENT-1
    packages: z._default(z.array(PackageSchema).check(z.maxLength(20)), []),
    csm: z._default(z.nullable(PersonSchema), null), // R-ENT-3
    cse: z._default(z.nullable(PersonSchema), null),
  })
  .check(z.refine((o) => (o.kind === 'partner-customer') === (o.partnerId !== null), {
    message: "a partner's customer names its partner, and only it", path: ['partnerId'],
  })));
export type Organisation = z.infer<typeof OrganisationSchema>;

export const LanguageSchema = /* @__PURE__ */ z.schema(() => z.enum(['he', 'en']));
export type Language = z.infer<typeof LanguageSchema>;

/** A person of an organisation (or of the center) who may write to and hear from the desk. */
export const ContactSchema = /* @__PURE__ */ z.schema(() => z.strictObject({
  email: z.pipe(z.email(), z.transform((e: string) => e.toLowerCase())),
  organisationId: z.string().check(z.minLength(1)),
  name: Name(),
  language: z._default(LanguageSchema, 'he'),
  unreachable: z._default(z.boolean(), false), // set by bounces and complaints
}));
export type Contact = z.infer<typeof ContactSchema>;

const dateFormats = new Map<string, Intl.DateTimeFormat>();

/** The calendar date (`YYYY-MM-DD`) of an instant in the policy's time zone. */
export function localDateOf(policy: Policy, at: string): string {
  let fmt = dateFormats.get(policy.timeZone);
  if (!fmt) dateFormats.set(policy.timeZone, (fmt = new Intl.DateTimeFormat('en-CA', { timeZone: policy.timeZone, year: 'numeric', month: '2-digit', day: '2-digit' })));
  return fmt.format(instantMs(at));
}

const isValidOn = (v: { validFrom: string; validTo: string }, date: string) => v.validFrom <= date && date <= v.validTo;

/** What an organisation is entitled to at an instant: the facts a ticket freezes when opened. */
export type EntitlementAtOpening = Entitlement & {
  packages: PackageKind[];
  csm: { name: string; email: string } | null;
  cse: { name: string; email: string } | null;
  billToOrganisationId: string;
};

/**
 * R-ENT-1..3, R-CAL-3, R-PARTY-2: the subscription state and packages in force at `at`; an
 * extended-hours package switches the calendar; CSS adds the noon rule and the CSM/CSE;
 * whatever is billable goes to the partner of a partner's customer.
 */
export function computeEntitlement(org: Organisation, policy: Policy, at: string): EntitlementAtOpening {
  const date = localDateOf(policy, at);
  const packages = org.packages.filter((p) => isValidOn(p, date)).map((p) => p.kind);
  const css = packages.includes('css');
  return {
    subscription: org.subscription !== null && isValidOn(org.subscription, date) ? 'active' : 'expired',
    calendar: packages.includes('extended-hours') ? 'extended' : 'basic',
    css,
    packages: [...new Set(packages)].sort(),
    csm: css ? org.csm : null,
    cse: css ? org.cse : null,
    billToOrganisationId: org.kind === 'partner-customer' && org.partnerId !== null ? org.partnerId : org.id,
  };
}
