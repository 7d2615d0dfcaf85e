// Small readings the inbound handler makes of a parsed, authenticated message (R-MAIL-1, R-CLOSE-2),
// and the orphan bookkeeping of the objects it stores before its write.
import type { InboundMail, SenderAuth } from '../../adapters/mail/index.js';
import type { AttachmentWriter } from '../../adapters/object-store.js';
import type { Message, MessageSender } from '../../adapters/store.js';
import type { Log } from '../log.js';

/**
 * R-CLOSE-2: what a reply to a Resolved ticket decides: an action link's address first, else the
 * intent of its text (`reopen`, or `reject` once intent detection says so). Only ever asked for an
 * authenticated sender (R-MAIL-1): unverified mail never reaches here.
 */
export function decisionOf(mail: Pick<InboundMail, 'plusAddressAction' | 'intent'>): 'confirm' | 'reject' | null {
  if (mail.plusAddressAction) return mail.plusAddressAction;
  const intent: string | null = mail.intent;
  return intent === 'confirm' ? 'confirm' : intent === 'reopen' || intent === 'reject' ? 'reject' : null;
}

/** R-MAIL-1: the message's sender field. */
export const senderOf = (address: string, auth: SenderAuth): MessageSender => ({ address, verified: auth.authenticated, method: auth.method });
/** For the log line: `aligned-dkim`, `aligned-spf` or `unverified`. */
export const describeSender = (sender: MessageSender) => sender.method ?? 'unverified';
/** The evidence in one line: `dkim=acme.example:fail(aligned) spf=PASS:evil.example dmarc=GRAY`. */
export const describeAuth = (auth: SenderAuth) => [
  `dkim=${auth.dkim.map((d) => `${d.domain}:${d.result}${d.aligned ? '(aligned)' : ''}`).join(',') || 'none'}`,
  `spf=${auth.spf.verdict ?? 'none'}:${auth.spf.domain ?? '-'}${auth.spf.aligned ? '(aligned)' : ''}`,
  `dmarc=${auth.dmarc ?? 'none'}`,
].join(' ');

/**
 * Runs a write that may store a message's objects first; when it ends without writing (refused,
 * closed, a duplicate, an error), those objects are tagged as orphans for the lifecycle rule to
 * expire. Tagging is best effort: an untagged orphan costs storage, never a customer's data.
 */
export async function orphansUnlessWritten<R extends { kind: string }>(
  writer: AttachmentWriter, log: Log, built: () => Message | undefined, write: () => Promise<R>,
): Promise<R> {
  const orphan = async () => {
    const m = built();
    const keys = m ? [...m.attachments.map((a) => a.key), ...(m.fullBody ? [m.fullBody.key] : [])] : [];
    if (keys.length) await writer.markOrphans?.(keys).catch((error: unknown) => log('warn', 'inbound mail: orphans not tagged', { keys, error }));
  };
  let result: R;
  try {
    result = await write();
  } catch (error) {
    await orphan();
    throw error;
  }
  if (result.kind !== 'written') await orphan();
  return result;
}
