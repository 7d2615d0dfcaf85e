import type { AttachmentStorage } from '../../adapters/attachment-storage.js';
import type { ReportRequests } from '../../adapters/report-requests.js';
import type { UploadStore } from '../../adapters/upload-store.js';
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
  // Optional so that only the knowledge base's readers bundle the index (search-articles.ts wires it).
  articleIndex?: IndexReader; // R-KB-1: the search index, loaded once per cold start
  // Optional so a harness without attachments (the outbox desk, the API bench) needs no storage:
  // the attachment routes then answer 500 (attachmentDeps below), every other route is unaffected.
  uploads?: UploadStore; // the upload URLs given out, to check an attachment against
  attachments?: AttachmentStorage; // attachment objects: signed upload and download URLs, the checks before attaching
};

/** The attachment parts of `deps`; a wiring without them is a programming error (500), not a client's. */
export function attachmentDeps(deps: Pick<Deps, 'uploads' | 'attachments'>): { uploads: UploadStore; attachments: AttachmentStorage } {
  if (!deps.uploads || !deps.attachments) throw new Error('attachments are not wired: deps.uploads and deps.attachments are required by this route');
  return { uploads: deps.uploads, attachments: deps.attachments };
}
