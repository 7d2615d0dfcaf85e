import { DomainError } from '../../domain/index.js';
import { header } from './header.js';
import { HttpProblem } from './problem.js';
import type { HttpEvent } from './types.js';

/** A version as an entity tag: the ticket's (or organisation's) optimistic-concurrency version. */
export const etagOf = (version: number): string => `"${version}"`;

/** `*` matches any current version; otherwise the listed tags (weak or strong, compared weakly). */
export type IfMatch = { any: true } | { any: false; tags: string[] };

export function readIfMatch(event: Pick<HttpEvent, 'headers'>): IfMatch | null {
  const raw = header(event, 'if-match')?.trim();
  if (raw === undefined || raw === '') return null;
  if (raw === '*') return { any: true };
  return { any: false, tags: raw.split(',').map((t) => t.trim().replace(/^W\//, '')) };
}

/** PATCH and replacing PUTs must name the version they change (RFC 6585: 428). */
export function requireIfMatch(event: Pick<HttpEvent, 'headers'>): IfMatch {
  const ifMatch = readIfMatch(event);
  if (!ifMatch) throw new HttpProblem('precondition-required', 'Send If-Match with the ETag you read', [{ path: 'If-Match', message: 'required' }]);
  return ifMatch;
}

export const matchesVersion = (ifMatch: IfMatch, version: number): boolean => ifMatch.any || ifMatch.tags.includes(etagOf(version));

/** A stale If-Match fails before anything is written (412 at the edge, since the header is present). */
export function assertIfMatch(ifMatch: IfMatch | null, version: number): void {
  if (ifMatch && !matchesVersion(ifMatch, version)) {
    throw new DomainError('version-conflict', `the current version is ${version}`, { version });
  }
}
