import { DomainError, type Change, type Policy } from '../../domain/index.js';
import type { IdempotencyRecord, Message, TicketRecord, TicketStore, WorkWrite } from '../../adapters/store.js';
import { assertMayWorkTickets, canSeeTicket } from './access.js';
import type { Caller } from './caller.js';
import { policyOf, type Deps } from './deps.js';
import { commandIdempotency, idempotencyRecord, replay, type IdempotencyRequest } from './idempotency.js';
import { isTicketNumber, ticketIdOf } from './params.js';
import { assertIfMatch, readIfMatch, requireIfMatch, type IfMatch } from './preconditions.js';
import type { HttpEvent, HttpResult } from './types.js';

/**
 * The ticket with its messages and history, if the caller may see it; else 404, as if absent.
 * `ref` is its id or its number (`T-1042`, found through the number's pointer: one GetItem more).
 */
export async function loadTicketFor(tickets: TicketStore, caller: Caller, ref: string): Promise<TicketRecord> {
  const id = isTicketNumber(ref) ? await tickets.findIdByNumber(ref) : ref;
  const record = id === null ? null : await tickets.get(id);
  if (!record || !canSeeTicket(caller, record.ticket)) throw new DomainError('not-found', 'ticket not found', { id: ref });
  return record;
}

/** What a command decided: the change and the messages (and logged work) to store with it, in one write. */
export type Decision = { change: Change; messages: Message[]; work?: WorkWrite[] };
export type Decide = (record: TicketRecord, policy: Policy, now: string) => Decision | null;

// Each lost race means another command committed while this one was deciding, and one command's
// attempts do not overlap, so a burst of N concurrent commands on a ticket all commit when
// N <= MAX_ATTEMPTS. 30 let the unluckiest of 50 concurrent replies run out (issue 3 acceptance).
export const MAX_ATTEMPTS = 50;
const BACKOFF_CAP_MS = 100; // 50 attempts then wait at most ~5 s in all, well inside the function's 10 s timeout

/**
 * The wait before attempt n+1: 5 ms plus a random share of a window that doubles with each lost
 * race (10, 20, 40 ... up to 100 ms), so racing writers spread out quickly and a long queue of
 * them does not keep colliding (capped exponential backoff with full jitter).
 */
export const backoffMs = (lost: number, random = Math.random()): number => 5 + random * Math.min(BACKOFF_CAP_MS, 10 * 2 ** (lost - 1));

const isVersionConflict = (err: unknown) => err instanceof DomainError && err.code === 'version-conflict';

/**
 * Runs `attempt` again while it loses an optimistic-concurrency race, up to `maxAttempts` times;
 * the last conflict (or any other error) is thrown.
 */
export async function retryOnConflict<T>(attempt: () => Promise<T>, maxAttempts = MAX_ATTEMPTS, sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms))): Promise<T> {
  for (let n = 1; ; n++) {
    try {
      return await attempt();
    } catch (err) {
      if (!isVersionConflict(err) || n >= maxAttempts) throw err;
      await sleep(backoffMs(n));
    }
  }
}

export type CommandRequest = { ticketId: string; caller: Caller; ifMatch: IfMatch | null };

/** With `record`, the Idempotency-Key's record to commit with the change, built from the ticket after it. */
export type CommitExtras = { idempotency?: (after: TicketRecord) => IdempotencyRecord };

/**
 * Load, decide, one write (design §1). With If-Match, the client's version must be the current
 * one (else 412, nothing written) and a lost race is a 412 too. Without it, a lost race is
 * re-read and re-decided on the newer ticket, so concurrent replies all commit; a decision no
 * longer allowed after the re-read surfaces as the domain's refusal. `decide` returning null
 * writes nothing (the caller then answers from `record`).
 */
export async function runCommand(deps: Pick<Deps, 'tickets' | 'policies' | 'now'>, req: CommandRequest, decide: Decide, extras: CommitExtras = {}): Promise<{ record: TicketRecord; written: boolean }> {
  assertMayWorkTickets(req.caller);
  const once = async () => {
    const loaded = await loadTicketFor(deps.tickets, req.caller, req.ticketId);
    assertIfMatch(req.ifMatch, loaded.ticket.version);
    const decision = decide(loaded, policyOf(deps.policies, loaded.ticket), deps.now());
    if (!decision) return { record: loaded, written: false };
    const after: TicketRecord = { ticket: decision.change.ticket, messages: [...loaded.messages, ...decision.messages], events: loaded.events };
    const events = await deps.tickets.commit(decision.change, {
      expectedVersion: loaded.ticket.version, messages: decision.messages, ...(decision.work ? { work: decision.work } : {}),
      ...(extras.idempotency ? { idempotency: extras.idempotency(after) } : {}),
    });
    return { record: { ...after, events: [...loaded.events, ...events] }, written: true };
  };
  return req.ifMatch ? once() : retryOnConflict(once);
}

/** A ticket command as the HTTP request states it: which ticket, its If-Match, its Idempotency-Key. */
export type HttpCommand = CommandRequest & { idempotency: IdempotencyRequest | null };

/**
 * Reads a ticket command from its request. Every POST that changes a ticket is built through
 * here, so each honours Idempotency-Key; `ifMatch: 'required'` is for PATCH (428 without).
 */
export function commandRequest(event: HttpEvent, caller: Caller, options: { ifMatch?: 'optional' | 'required' } = {}): HttpCommand {
  const ticketId = ticketIdOf(event);
  const ifMatch = options.ifMatch === 'required' ? requireIfMatch(event) : readIfMatch(event);
  return { ticketId, caller, ifMatch, idempotency: commandIdempotency(event, caller, ticketId) };
}

/**
 * A command answered over HTTP: `respond` builds the answer from the ticket after the change.
 * With an Idempotency-Key the answer is written in the same transaction as the change, so a
 * retry (sequential or racing its twin) gets the first answer back and writes nothing: a twin
 * that loses the race finds the record and replays it, whatever its own attempt ran into.
 * `unwritten` answers when `decide` writes nothing (it keeps the key itself if it writes).
 */
/**
 * A retried command's first answer, looked up before the command does anything of its own (a
 * reply checks and copies its files first): null when it carries no key or a new one.
 */
export async function replayIfSeen(deps: Pick<Deps, 'tickets'>, req: HttpCommand): Promise<HttpResult | null> {
  if (!req.idempotency) return null;
  const seen = await deps.tickets.findIdempotency(req.idempotency.scope, req.idempotency.key);
  return seen ? replay(deps.tickets, req.caller, seen, req.idempotency.requestHash) : null;
}

export async function answerCommand(
  deps: Pick<Deps, 'tickets' | 'policies' | 'now'>, req: HttpCommand, decide: Decide,
  respond: (after: TicketRecord) => HttpResult,
  unwritten: (record: TicketRecord) => Promise<HttpResult> = async (record) => respond(record),
): Promise<HttpResult> {
  const { idempotency } = req;
  if (!idempotency) {
    const { record, written } = await runCommand(deps, req, decide);
    return written ? respond(record) : unwritten(record);
  }
  const seen = await deps.tickets.findIdempotency(idempotency.scope, idempotency.key);
  if (seen) return replay(deps.tickets, req.caller, seen, idempotency.requestHash);
  let answer: HttpResult | undefined;
  try {
    const { record, written } = await runCommand(deps, req, decide, {
      idempotency: (after) => idempotencyRecord(idempotency, after.ticket.id, (answer = respond(after))),
    });
    return written ? answer! : await unwritten(record);
  } catch (err) {
    if (!(err instanceof DomainError)) throw err;
    const winner = await deps.tickets.findIdempotency(idempotency.scope, idempotency.key);
    if (!winner) throw err;
    return replay(deps.tickets, req.caller, winner, idempotency.requestHash);
  }
}

/** A message written through the API by the caller. */
export const apiMessage = (id: string, ticketId: string, at: string, author: Message['author'], body: string, visibility: Message['visibility'], attachments: Message['attachments'] = []): Message => ({
  id, ticketId, at, author, visibility, body, attachments, channel: 'api', emailMessageId: null,
});
