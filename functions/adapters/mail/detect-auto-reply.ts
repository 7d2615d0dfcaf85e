import type { HeaderLines } from 'mailparser';
import type { AutoReplyReason, AutoReplyVerdict } from './inbound-mail.js';
import { isAtDomain, rawHeaderValues } from './mail-headers.js';

export type AutoReplyInput = {
  headerLines: HeaderLines;
  messageId: string | null;
  fromAddress: string | null;
  ourDomains: readonly string[];
  ourMessageIdSuffixes: readonly string[];
};

type Check = (input: AutoReplyInput, header: (name: string) => string | undefined) => string | undefined;

const first = (value: string) => value.split(/[;(\s]/, 1)[0]!.toLowerCase();
const suffixOf = (suffix: string) => suffix.toLowerCase().replace(/>$/, '');

/**
 * Loops first (they are ours whatever else they say), then bounces, then RFC 3834 and common
 * practice. Each check returns the detail that convicted the message, or undefined.
 */
const CHECKS: ReadonlyArray<readonly [AutoReplyReason, Check]> = [
  ['own-message-id', ({ messageId, ourMessageIdSuffixes }) => {
    const id = messageId?.toLowerCase().replace(/>$/, '');
    return id && ourMessageIdSuffixes.some((s) => id.endsWith(suffixOf(s))) ? messageId! : undefined;
  }],
  ['own-domain-sender', ({ fromAddress, ourDomains }) =>
    fromAddress && isAtDomain(fromAddress, ourDomains) ? fromAddress : undefined],
  ['delivery-report', (_, header) => {
    const type = header('content-type');
    return type && first(type) === 'multipart/report' ? type : undefined;
  }],
  ['null-return-path', (_, header) => (header('return-path')?.replace(/\s/g, '') === '<>' ? '<>' : undefined)],
  ['mailer-daemon', ({ fromAddress }) =>
    fromAddress && /^(mailer-daemon|postmaster)@/i.test(fromAddress) ? fromAddress : undefined],
  ['auto-submitted', (_, header) => {
    const value = header('auto-submitted'); // RFC 3834 §5: `no` is the only human value
    return value && first(value) !== 'no' ? first(value) : undefined;
  }],
  ['x-autoreply', (_, header) => header('x-autoreply')],
  ['x-autorespond', (_, header) => header('x-autorespond')],
  ['x-auto-response-suppress', (_, header) => header('x-auto-response-suppress')],
  ['precedence', (_, header) => {
    const value = header('precedence');
    return value && ['bulk', 'junk', 'list'].includes(first(value)) ? first(value) : undefined;
  }],
  ['list-headers', (_, header) => header('list-id') ?? header('list-unsubscribe')],
];

/** Whether a message is automatic or ours (RFC 3834 and common practice); the first reason that applies. */
export function detectAutoReply(input: AutoReplyInput): AutoReplyVerdict {
  // a header that is present but empty (`X-Autoreply:`) still says what it says
  const header = (name: string) => {
    const values = rawHeaderValues(input.headerLines, name);
    return values.length ? values[0] || name : undefined;
  };
  for (const [reason, check] of CHECKS) {
    const detail = check(input, header);
    if (detail !== undefined) return { isAuto: true, reason, detail };
  }
  return { isAuto: false };
}
