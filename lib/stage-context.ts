import type { Construct } from 'constructs';
import { StaffRosterSchema } from '../functions/handlers/runtime-config.js';

/** Per-stage values, read from CDK context (`cdk synth -c stage=prod -c mailDomain=… -c staffRoster='{…}'`). */
export type StageContext = {
  /** Names the stack, so stages can share one account and region. */
  readonly stage: string;
  readonly mail: {
    /** The domain the desk sends from (an SES identity) and receives replies at (the receipt rule's recipient). */
    readonly domain: string;
    /** The From of every email, e.g. `Support <support@support.center.example>`; its address is at `domain`. */
    readonly from: string;
  };
  /**
   * The staff roster as JSON, checked against the schema the outbox parses it with at cold start
   * (StaffRosterSchema), so a bad roster fails the synth rather than the outbox's first batch.
   */
  readonly staffRoster: string;
};

// Lower-case and short: the stage ends up in the stack name and resource names.
const STAGE_PATTERN = /^[a-z][a-z0-9-]{0,15}$/;
// The same shape the outbox accepts for MAIL_REPLY_TO_DOMAIN (runtime-config.ts), lower case.
const DOMAIN_PATTERN = /^(?=.{4,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;
const DEFAULT_MAIL_DOMAIN = 'support.center.example';
// `Name <local@domain>` or a bare address: the address is all SES checks against the identity.
const FROM_PATTERN = /^(?:[^<>]*<([^<>\s@]+@[^<>\s@]+)>|([^<>\s@]+@[^<>\s@]+))$/;

/** A roster for `dev` only, at the stage's own mail domain: no other stage may mail made-up people. */
const devRoster = (domain: string): unknown => {
  const person = (local: string, name: string) => ({ email: `${local}@${domain}`, name, language: 'en' });
  return {
    tierDuty: { 1: person('tier1', 'Tier 1 duty'), 2: person('tier2', 'Tier 2 duty'), 3: person('tier3', 'Tier 3 duty'), 4: person('tier4', 'Tier 4 duty') },
    hos: person('hos', 'Head of Support'),
    cco: person('cco', 'Chief Customer Officer'),
    staff: [],
  };
};

/** Reads and validates the stage context; a bad value fails the synth, not a later deploy. */
export const readStageContext = (scope: Construct): StageContext => {
  const stage: unknown = scope.node.tryGetContext('stage') ?? 'dev';
  if (typeof stage !== 'string' || !STAGE_PATTERN.test(stage)) {
    throw new Error(`context "stage" must match ${STAGE_PATTERN}, got ${JSON.stringify(stage)}`);
  }

  const domain: unknown = scope.node.tryGetContext('mailDomain') ?? DEFAULT_MAIL_DOMAIN;
  if (typeof domain !== 'string' || !DOMAIN_PATTERN.test(domain)) {
    throw new Error(`context "mailDomain" must be a lower-case domain name, got ${JSON.stringify(domain)}`);
  }

  const from: unknown = scope.node.tryGetContext('mailFrom') ?? `Support <support@${domain}>`;
  const address = typeof from === 'string' ? FROM_PATTERN.exec(from.trim()) : null;
  const fromAddress = (address?.[1] ?? address?.[2])?.toLowerCase();
  if (typeof from !== 'string' || !fromAddress || !fromAddress.endsWith(`@${domain}`)) {
    // SES sends only from a verified identity: the stack verifies the domain, so From must be in it.
    throw new Error(`context "mailFrom" must be an address at ${domain} ("Name <local@${domain}>"), got ${JSON.stringify(from)}`);
  }

  return { stage, mail: { domain, from: from.trim() }, staffRoster: readStaffRoster(scope, stage, domain) };
};

function readStaffRoster(scope: Construct, stage: string, domain: string): string {
  // From cdk.json the roster may be an object; from `-c staffRoster=…` it is a JSON string.
  const raw: unknown = scope.node.tryGetContext('staffRoster') ?? (stage === 'dev' ? devRoster(domain) : undefined);
  if (raw === undefined) {
    throw new Error(`context "staffRoster" is required for stage ${JSON.stringify(stage)} (only dev has a default)`);
  }
  let value: unknown = raw;
  if (typeof raw === 'string') {
    try {
      value = JSON.parse(raw);
    } catch {
      throw new Error('context "staffRoster" is not JSON');
    }
  }
  const parsed = StaffRosterSchema.safeParse(value);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`context "staffRoster" is not a staff roster: ${issues}`);
  }
  return JSON.stringify(value); // as given: the outbox applies the schema's defaults itself
}
