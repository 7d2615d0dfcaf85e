import { isAtDomain } from './mail-headers.js';

// `T-1042`: the human ticket number our subjects and Reply-To plus-addresses carry.
// R-CLOSE-2: a resolution's action links send to `support+T-1042+confirm@…` / `…+reject@…`.
const PLUS_ADDRESS = /^[^@+\s]+\+(t-\d+)(?:\+(confirm|reject))?@[^@\s]+$/i;
const BRACKETED = /\[\s*(t-\d+)\s*\]/i;
// Not inside a word (`RPT-5003`, `AT-500`), nor the head of a longer number; a Hebrew prefix
// such as `ב-T-1042` ("in T-1042") still counts.
const BARE = /(?<![A-Za-z0-9_])(t-\d+)(?!\d)/i;

/** The ticket named by the first recipient `<mailbox>+T-1042@<one of ourDomains>`, any case. */
export function findPlusAddressTicket(recipients: readonly string[], ourDomains: readonly string[]): string | null {
  for (const address of recipients) {
    const match = PLUS_ADDRESS.exec(address.trim());
    if (match?.[1] && isAtDomain(address, ourDomains)) return match[1].toUpperCase();
  }
  return null;
}

/** R-CLOSE-2: the action a recipient `<mailbox>+T-1042+confirm@<one of ourDomains>` names (an action link), any case; else null. */
export function findPlusAddressAction(recipients: readonly string[], ourDomains: readonly string[]): 'confirm' | 'reject' | null {
  for (const address of recipients) {
    const match = PLUS_ADDRESS.exec(address.trim());
    if (match?.[2] && isAtDomain(address, ourDomains)) return match[2].toLowerCase() as 'confirm' | 'reject';
  }
  return null;
}

/** The ticket a subject names: `[T-1042]` first, else a bare `T-1042`; null when none. */
export function findSubjectTicket(subject: string): string | null {
  const match = BRACKETED.exec(subject) ?? BARE.exec(subject);
  return match?.[1] ? match[1].toUpperCase() : null;
}
