import { DomainError } from '../../domain/index.js';
import { header } from './header.js';
import { HttpProblem } from './problem.js';
import type { HttpEvent } from './types.js';

/** A version as an entity tag: the ticket's (or organisation's) optimistic-concurrency version. */
export const etagOf = (version: number): string => `"${version}"`;

/** `*` matches any current version; otherwise the listed tags, each as its opaque tag (`"3"`), with what was sent. */
export type IfMatch = { any: true } | { any: false; tags: string[]; sent: string };

// RFC 9110 §8.8.3 and §13.1.1: If-Match = "*" / #entity-tag; entity-tag = [ "W/" ] DQUOTE *etagc DQUOTE,
// etagc = %x21 / %x23-7E / obs-text. A list may hold empty elements (§5.6.1).
const ENTITY_TAG = /^(W\/)?("[\x21\x23-\x7e\x80-\xff]*")$/;
const EXPECTED = 'an entity tag as the ETag header gave it, in quotes: "3" (or W/"3", a list "3", "4", or *)';

/** The If-Match header, read by RFC 9110's grammar; absent is null; anything else is a 400 naming the expected form. */
export function readIfMatch(event: Pick<HttpEvent, 'headers'>): IfMatch | null {
  const raw = header(event, 'if-match')?.trim();
  if (raw === undefined || raw === '') return null; // sent empty: as if absent (428 where it is required)
  if (raw === '*') return { any: true };
  const elements = raw.split(',').map((t) => t.trim()).filter((t) => t !== '');
  const tags = elements.map((element) => ENTITY_TAG.exec(element)?.[2]);
  if (tags.length === 0 || tags.some((t) => t === undefined)) {
    throw new HttpProblem('invalid-request', `If-Match must be ${EXPECTED}; got ${JSON.stringify(raw)}`, [{ path: 'If-Match', message: `expected ${EXPECTED}` }]);
  }
  // Compared weakly: a tag is a version number, so W/"3" and "3" name the same version (§8.8.3.2).
  return { any: false, tags: tags as string[], sent: raw };
}

/** PATCH and replacing PUTs must name the version they change (RFC 6585: 428). */
export function requireIfMatch(event: Pick<HttpEvent, 'headers'>): IfMatch {
  const ifMatch = readIfMatch(event);
  if (!ifMatch) throw new HttpProblem('precondition-required', `Send If-Match with the ETag you read (${EXPECTED})`, [{ path: 'If-Match', message: 'required' }]);
  return ifMatch;
}

export const matchesVersion = (ifMatch: IfMatch, version: number): boolean => ifMatch.any || ifMatch.tags.includes(etagOf(version));

/** A stale If-Match fails before anything is written (412 at the edge, since the header is present). */
export function assertIfMatch(ifMatch: IfMatch | null, version: number): void {
  if (ifMatch && !matchesVersion(ifMatch, version)) {
    const sent = ifMatch.any ? '*' : ifMatch.sent;
    throw new DomainError('version-conflict', `If-Match ${sent} does not match the current ETag ${etagOf(version)}: read it again`, { version, field: 'If-Match' });
  }
}
