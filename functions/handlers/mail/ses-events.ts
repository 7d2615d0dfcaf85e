// The SES events the mail handlers take, read with zod (loose: SES adds fields over time).
import * as z from 'zod';

const Verdict = z.looseObject({ status: z.string() });

/** One SES receipt record, as the receipt rule's Lambda action passes it after its S3 action stored the MIME. */
export const SesReceiptRecordSchema = z.looseObject({
  ses: z.looseObject({
    mail: z.looseObject({ messageId: z.string().min(1), source: z.string().optional(), destination: z.array(z.string()).default([]) }),
    receipt: z.looseObject({
      recipients: z.array(z.string()).default([]),
      spamVerdict: Verdict.optional(),
      virusVerdict: Verdict.optional(),
      spfVerdict: Verdict.optional(),
      dkimVerdict: Verdict.optional(),
      dmarcVerdict: Verdict.optional(),
    }),
  }),
});
export const SesReceiptEventSchema = z.looseObject({ Records: z.array(SesReceiptRecordSchema) });
export type SesReceiptRecord = z.output<typeof SesReceiptRecordSchema>;

export const VERDICTS = ['spam', 'virus', 'spf', 'dkim', 'dmarc'] as const;
export type VerdictName = (typeof VERDICTS)[number];

/** The verdicts that say FAIL. GRAY and PROCESSING_FAILED pass: SES could not decide, and a person may be waiting. */
export const failedVerdicts = (receipt: SesReceiptRecord['ses']['receipt']): VerdictName[] =>
  VERDICTS.filter((name) => receipt[`${name}Verdict`]?.status?.toUpperCase() === 'FAIL');

const Recipient = z.looseObject({ emailAddress: z.string().min(1) });

/** An SES event-destination notification (configuration set): only bounces and complaints matter here. */
export const SesMailEventSchema = z.looseObject({
  eventType: z.string().optional(),
  notificationType: z.string().optional(), // the older identity notifications spell it so
  mail: z.looseObject({ messageId: z.string().min(1), timestamp: z.string().optional() }),
  bounce: z.looseObject({
    bounceType: z.string(), bounceSubType: z.string().optional(), feedbackId: z.string().optional(), timestamp: z.string().optional(),
    bouncedRecipients: z.array(Recipient.extend({ diagnosticCode: z.string().optional(), status: z.string().optional() })),
  }).optional(),
  complaint: z.looseObject({
    feedbackId: z.string().optional(), timestamp: z.string().optional(), complaintFeedbackType: z.string().optional(),
    complainedRecipients: z.array(Recipient),
  }).optional(),
});
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
