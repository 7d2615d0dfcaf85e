// The SES events the mail handlers take, read with zod (loose: SES adds fields over time).
import * as z from '../../domain/zod.js';

const Verdict = /* @__PURE__ */ z.schema(() => z.looseObject({ status: z.string() }));

/** One SES receipt record, as the receipt rule's Lambda action passes it after its S3 action stored the MIME. */
export const SesReceiptRecordSchema = /* @__PURE__ */ z.schema(() => z.looseObject({
  ses: z.looseObject({
    mail: z.looseObject({ messageId: z.string().check(z.minLength(1)), source: z.optional(z.string()), destination: z._default(z.array(z.string()), []) }),
    receipt: z.looseObject({
      recipients: z._default(z.array(z.string()), []),
      spamVerdict: z.optional(Verdict),
      virusVerdict: z.optional(Verdict),
      spfVerdict: z.optional(Verdict),
      dkimVerdict: z.optional(Verdict),
      dmarcVerdict: z.optional(Verdict),
    }),
  }),
}));
export const SesReceiptEventSchema = /* @__PURE__ */ z.schema(() => z.looseObject({ Records: z.array(SesReceiptRecordSchema) }));
export type SesReceiptRecord = z.output<typeof SesReceiptRecordSchema>;

export const VERDICTS = ['spam', 'virus', 'spf', 'dkim', 'dmarc'] as const;
export type VerdictName = (typeof VERDICTS)[number];

/** The verdicts that say FAIL. GRAY and PROCESSING_FAILED pass: SES could not decide, and a person may be waiting. */
export const failedVerdicts = (receipt: SesReceiptRecord['ses']['receipt']): VerdictName[] =>
  VERDICTS.filter((name) => receipt[`${name}Verdict`]?.status?.toUpperCase() === 'FAIL');

const Recipient = /* @__PURE__ */ z.schema(() => z.looseObject({ emailAddress: z.string().check(z.minLength(1)) }));

/** An SES event-destination notification (configuration set): only bounces and complaints matter here. */
export const SesMailEventSchema = /* @__PURE__ */ z.schema(() => z.looseObject({
  eventType: z.optional(z.string()),
  notificationType: z.optional(z.string()), // the older identity notifications spell it so
  mail: z.looseObject({ messageId: z.string().check(z.minLength(1)), timestamp: z.optional(z.string()) }),
  bounce: z.optional(z.looseObject({
    bounceType: z.string(), bounceSubType: z.optional(z.string()), feedbackId: z.optional(z.string()), timestamp: z.optional(z.string()),
    bouncedRecipients: z.array(z.extend(Recipient, { diagnosticCode: z.optional(z.string()), status: z.optional(z.string()) })),
  })),
  complaint: z.optional(z.looseObject({
    feedbackId: z.optional(z.string()), timestamp: z.optional(z.string()), complaintFeedbackType: z.optional(z.string()),
    complainedRecipients: z.array(Recipient),
  })),
}));
export type SesMailEvent = z.output<typeof SesMailEventSchema>;

/**
 * The SES events in whatever envelope they came: SNS (`Records[].Sns.Message`, a JSON string),
 * EventBridge (`detail`), or bare. Anything else is an error: it should land in the DLQ, not vanish.
 */
export function sesMailEventsOf(input: unknown): SesMailEvent[] {
  const envelope = input as { Records?: { Sns?: { Message?: string } }[]; detail?: unknown };
  if (Array.isArray(envelope?.Records)) {
    return envelope.Records.map((r) => SesMailEventSchema.parse(JSON.parse(r.Sns?.Message ?? 'null')));
  }
  if (envelope && typeof envelope === 'object' && 'detail' in envelope) return [SesMailEventSchema.parse(envelope.detail)];
  return [SesMailEventSchema.parse(input)];
}
