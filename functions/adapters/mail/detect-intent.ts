import type { ReplyIntent } from './inbound-mail.js';
import { detectReplyDecision } from './reply-decision.js';

export { detectReplyDecision, normalisePhrase, type ReplyDecision } from './reply-decision.js';

/**
 * R-CLOSE-2: examples of what confirms a resolution or asks to reopen it (the full lists, with
 * negation, questions and hedges, are in reply-decision.ts).
 */
export const REPLY_INTENT_PHRASES: Readonly<Record<Exclude<ReplyIntent, null>, readonly string[]>> = {
  confirm: ['confirm', 'confirmed', 'yes, solved', 'אישור', 'מאשר', 'מאשרת', 'נפתר'],
  reopen: ['reopen', 're-open', 'not solved', 'לא נפתר', 'לפתוח מחדש'],
};

/**
 * The first version's answer: 'confirm' or 'reopen' when the reply plainly says so, else null
 * (use detectReplyDecision for the three-way answer). Thanks alone is null, never 'reopen'.
 */
export function detectIntent(newReplyText: string): ReplyIntent {
  const decision = detectReplyDecision(newReplyText);
  return decision === 'confirm' ? 'confirm' : decision === 'reject' ? 'reopen' : null;
}

