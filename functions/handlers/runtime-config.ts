// Wiring of the event handlers (timer, outbox), read from the environment once at cold start
// (style §5): a missing or malformed variable fails the init, not a request. Business numbers
// are the policy's; only names, ARNs, addresses and the staff roster live here.
import * as z from '../domain/zod.js';
import { StaffPersonSchema, type StaffPerson } from '../domain/notifications/index.js';
import type { Tier } from '../domain/index.js';

/**
 * The center's people the outbox mails (R-ESC-1..3): each tier's duty contact, the HOS and the
 * CCO; `staff` lists the other agents so an assignee gets their own name and language.
 */
export const StaffRosterSchema = /* @__PURE__ */ z.schema(() => z.strictObject({
  tierDuty: z.strictObject({ 1: StaffPersonSchema, 2: StaffPersonSchema, 3: StaffPersonSchema, 4: StaffPersonSchema }),
  hos: StaffPersonSchema,
  cco: StaffPersonSchema,
  staff: z._default(z.array(StaffPersonSchema), []),
}));
export type StaffRoster = z.output<typeof StaffRosterSchema>;

/** A person of the center by email: from the roster, else the address itself in English (an assignee the roster does not list yet). */
export function staffMember(roster: StaffRoster, email: string): StaffPerson | undefined {
  const wanted = email.toLowerCase();
  const tiers = ([1, 2, 3, 4] as Tier[]).map((t) => roster.tierDuty[t]);
  return [...roster.staff, ...tiers, roster.hos, roster.cco].find((p) => p.email === wanted);
}

const Text = /* @__PURE__ */ z.schema(() => z.string().check(z.trim(), z.minLength(1)));
const Arn = /* @__PURE__ */ z.schema(() => z.string().check(z.regex(/^arn:[\w-]+:[\w-]+:[\w-]*:\d*:.+$/, 'an ARN')));
const Json = /* @__PURE__ */ z.schema(() => z.pipe(z.string(), z.transform((raw: string, ctx) => {
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    ctx.issues.push({ code: 'custom', message: 'not JSON', input: raw }); // mini's transform has no ctx.addIssue
    return z.NEVER;
  }
})));

const TimerEnvSchema = /* @__PURE__ */ z.schema(() => z.object({
  TABLE_NAME: Text,
  SCHEDULE_GROUP: Text,
  TIMER_TARGET_ARN: Arn,
  SCHEDULER_ROLE_ARN: Arn,
  SCHEDULER_DLQ_ARN: Arn,
}));
const OutboxEnvSchema = /* @__PURE__ */ z.schema(() => z.extend(TimerEnvSchema, {
  MAIL_FROM: Text, // 'Support <support@…>', a verified SES identity
  MAIL_REPLY_TO_DOMAIN: z.string().check(z.regex(/^[a-z0-9.-]+\.[a-z]{2,}$/i, 'a domain name')),
  SES_CONFIGURATION_SET: Text,
  SES_REGION: z.optional(Text), // SES may live in another region than the function
  AWS_REGION: z.optional(Text), // set by Lambda
  STAFF_ROSTER: z.pipe(Json, StaffRosterSchema),
}).check(z.refine((env) => env.SES_REGION ?? env.AWS_REGION, { message: 'SES_REGION or AWS_REGION is required', path: ['SES_REGION'] })));

export type SchedulerWiring = { groupName: string; targetArn: string; roleArn: string; deadLetterArn: string };
export type TimerRuntimeConfig = { tableName: string; scheduler: SchedulerWiring };
export type OutboxRuntimeConfig = TimerRuntimeConfig & {
  mail: { from: string; replyToDomain: string; configurationSetName: string; region: string };
  staff: StaffRoster;
};

function parseEnv<T extends z.ZodMiniType>(schema: T, env: Record<string, string | undefined>): z.output<T> {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`invalid runtime configuration: ${issues}`, { cause: parsed.error });
  }
  return parsed.data;
}

const schedulerOf = (env: z.output<typeof TimerEnvSchema>): TimerRuntimeConfig => ({
  tableName: env.TABLE_NAME,
  scheduler: { groupName: env.SCHEDULE_GROUP, targetArn: env.TIMER_TARGET_ARN, roleArn: env.SCHEDULER_ROLE_ARN, deadLetterArn: env.SCHEDULER_DLQ_ARN },
});

/** The timer handler's wiring: the table and the schedule it re-arms. */
export const readTimerRuntimeConfig = (env: Record<string, string | undefined>): TimerRuntimeConfig =>
  schedulerOf(parseEnv(TimerEnvSchema, env));

/** The outbox's wiring: the timer's, plus the mail settings and the staff roster. */
export function readOutboxRuntimeConfig(env: Record<string, string | undefined>): OutboxRuntimeConfig {
  const parsed = parseEnv(OutboxEnvSchema, env);
  return {
    ...schedulerOf(parsed),
    mail: { from: parsed.MAIL_FROM, replyToDomain: parsed.MAIL_REPLY_TO_DOMAIN, configurationSetName: parsed.SES_CONFIGURATION_SET, region: (parsed.SES_REGION ?? parsed.AWS_REGION)! },
    staff: parsed.STAFF_ROSTER,
  };
}

const DomainList = /* @__PURE__ */ z.schema(() => z.pipe(
  z.pipe(z.string(), z.transform((raw: string) => raw.split(',').map((d) => d.trim().toLowerCase()).filter(Boolean))),
  z.array(z.string().check(z.regex(/^[a-z0-9.-]+\.[a-z]{2,}$/, 'a domain name'))).check(z.minLength(1)),
));

const InboundEnvSchema = /* @__PURE__ */ z.schema(() => z.object({
  TABLE_NAME: Text,
  INBOUND_MAIL_BUCKET: Text, // where the receipt rule's S3 action stores the raw MIME
  INBOUND_MAIL_PREFIX: z._default(z.string(), ''),
  ATTACHMENT_BUCKET: Text,
  MAIL_DOMAINS: DomainList, // 'support.center.example,center.example': plus-addresses here name tickets; senders here are loops
  SES_REGION: z.optional(Text),
  AWS_REGION: z.optional(Text),
}).check(z.refine((env) => env.SES_REGION ?? env.AWS_REGION, { message: 'SES_REGION or AWS_REGION is required', path: ['SES_REGION'] })));

export type InboundRuntimeConfig = {
  tableName: string;
  rawMail: { bucket: string; prefix: string };
  attachmentBucket: string;
  ourDomains: string[];
  /** SES's Message-IDs for the mail we send: `@email.amazonses.com>` in us-east-1, `@<region>.amazonses.com>` elsewhere. */
  ourMessageIdSuffixes: string[];
};

/** The inbound mail handler's wiring: the table, the raw-mail and attachment buckets, our domains. */
export function readInboundRuntimeConfig(env: Record<string, string | undefined>): InboundRuntimeConfig {
  const parsed = parseEnv(InboundEnvSchema, env);
  const region = (parsed.SES_REGION ?? parsed.AWS_REGION)!;
  return {
    tableName: parsed.TABLE_NAME,
    rawMail: { bucket: parsed.INBOUND_MAIL_BUCKET, prefix: parsed.INBOUND_MAIL_PREFIX },
    attachmentBucket: parsed.ATTACHMENT_BUCKET,
    ourDomains: parsed.MAIL_DOMAINS,
    ourMessageIdSuffixes: [...new Set(['@email.amazonses.com>', `@${region}.amazonses.com>`])],
  };
}

/** The mail-events handler's wiring: only the table. */
export const readMailEventsRuntimeConfig = (env: Record<string, string | undefined>): { tableName: string } =>
  ({ tableName: parseEnv(z.object({ TABLE_NAME: Text }), env).TABLE_NAME });
