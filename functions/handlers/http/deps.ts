import type { ReportRequests } from '../../adapters/report-requests.js';
import { DomainError, type Policy, type Ticket } from '../../domain/index.js';
import type { DirectoryStore, TicketStore } from '../../adapters/store.js';
import type { ArticleStore } from '../../adapters/article-store.js';
import type { IndexReader } from '../../adapters/search/index-reader.js';

/**
 * The policies the desk knows: new tickets open under `current`; a ticket's commands run on the
 * policy it was opened with (its targets are frozen under it), found by version.
 */
export type PolicyRegistry = { current: Policy; byVersion(version: string): Policy | undefined };

export function policyRegistry(current: Policy, older: readonly Policy[] = []): PolicyRegistry {
  const byVersion = new Map([...older, current].map((p) => [p.version, p]));
  return { current, byVersion: (version) => byVersion.get(version) };
}

/** The policy a ticket runs on; an unknown version is the domain's policy-mismatch (409). */
export function policyOf(policies: PolicyRegistry, ticket: Ticket): Policy {
  const policy = policies.byVersion(ticket.policyVersion);
  if (!policy) throw new DomainError('policy-mismatch', `ticket ${ticket.number} runs on policy ${ticket.policyVersion}, unknown here`, { policy: ticket.policyVersion });
  return policy;
}

/** What every HTTP handler factory may take; each names the part it uses. Tests and the local stack pass their own. */
export type Deps = {
  tickets: TicketStore;
  directory: DirectoryStore;
  policies: PolicyRegistry;
  now: () => string; // UTC ISO instant
  newId: () => string; // a UUID: ticket ids are validated as UUIDs in paths (params.ts)
  reportRequests: ReportRequests; // R-RPT-1: ticket reports to email
  articles: ArticleStore; // R-KB-1: the knowledge base's articles
  articleIndex: IndexReader; // R-KB-1: the search index, loaded once per cold start
};
