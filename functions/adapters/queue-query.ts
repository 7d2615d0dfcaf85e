// The agents' queue (R-PORTAL-2, R-SLA-6): every open ticket by its next SLA deadline. GSI2 keeps
// one partition per status, each sorted by the earliest running due time (items.ts), so the queue
// is a k-way merge of the open statuses' partitions; its cursor is where each partition stands.
import { QueryCommand, type DynamoDBDocumentClient, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { DomainError, type Severity, type Status, type Ticket, type TicketType, type Tier } from '../domain/index.js';
import { fromBase64UrlJson, toBase64UrlJson } from './base64url-json.js';
import { indexKeys } from './items.js';

import { QUEUE_STATUSES } from '../domain/queue.js';

export { QUEUE_STATUSES };

export type QueueFilter = {
  statuses: readonly Status[]; // at least one; the partitions merged
  severity?: Severity;
  organisationId?: string;
  assignee?: string | null; // null: unassigned
  tier?: Tier;
  type?: TicketType;
  sla?: 'ok' | 'at-risk' | 'breached';
};

/** A queued ticket with its place in the queue (`<earliest due>#<id>`, '~' when no target runs). */
export type QueuedTicket = { ticket: Ticket; queueKey: string };

const DONE = '~~'; // after every queue key ('~#<id>' included): this partition has nothing more

/** Reads a queue cursor: one position per status of the filter, each a non-empty key; anything else is a 400 naming `cursor`. */
function positions(cursor: string | undefined, statuses: readonly Status[]): Partial<Record<Status, string>> {
  if (cursor === undefined) return {};
  const bad = () => new DomainError('invalid-input', 'the cursor is not one this API gave out', { field: 'cursor' });
  const value = fromBase64UrlJson(cursor);
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw bad();
  const entries = Object.entries(value);
  if (entries.some(([k, v]) => !statuses.includes(k as Status) || typeof v !== 'string' || v === '' || Buffer.byteLength(v, 'utf8') > 1024)) throw bad();
  return Object.fromEntries(entries) as Partial<Record<Status, string>>;
}

function filterExpression(filter: QueueFilter): Pick<QueryCommandInput, 'FilterExpression' | 'ExpressionAttributeNames'> & { values: Record<string, unknown> } {
  const conditions: string[] = [];
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  const where = (path: string[], value: unknown) => {
    const name = path.map((p) => `#${p}`).join('.');
    for (const p of path) names[`#${p}`] = p;
    values[`:${path.at(-1)}`] = value;
    conditions.push(`${name} = :${path.at(-1)}`);
  };
  if (filter.severity) where(['severity'], filter.severity);
  if (filter.organisationId) where(['organisationId'], filter.organisationId);
  if (filter.sla) where(['slaState'], filter.sla);
  if (filter.tier !== undefined) where(['ticket', 'tier'], filter.tier);
  if (filter.type) where(['ticket', 'type'], filter.type);
  if (typeof filter.assignee === 'string') where(['assignee'], filter.assignee);
  if (filter.assignee === null) {
    names['#assignee'] = 'assignee';
    values[':nullType'] = 'NULL';
    conditions.push('(attribute_not_exists(#assignee) OR attribute_type(#assignee, :nullType))');
  }
  return conditions.length ? { FilterExpression: conditions.join(' AND '), ExpressionAttributeNames: names, values } : { values };
}

/** Up to `limit` matching tickets of one status partition after `after`, and whether the partition ran out. */
async function readPartition(doc: DynamoDBDocumentClient, tableName: string, status: Status, filter: QueueFilter, after: string | undefined, limit: number) {
  const { values, ...expression } = filterExpression(filter);
  const items: QueuedTicket[] = [];
  let start: Record<string, unknown> | undefined;
  let first = true;
  do { // a filter applies after Limit, so filling a page may take more than one request
    const input: QueryCommandInput = {
      TableName: tableName, IndexName: 'GSI2', ScanIndexForward: true, Limit: limit - items.length,
      KeyConditionExpression: after ? 'GSI2PK = :pk AND GSI2SK > :after' : 'GSI2PK = :pk',
      ExpressionAttributeValues: { ':pk': indexKeys.statusQueue(status), ...(after ? { ':after': after } : {}), ...values },
      ExclusiveStartKey: start, ...expression,
    };
    const result = await doc.send(new QueryCommand(input));
    items.push(...(result.Items ?? []).map((item) => ({ ticket: item.ticket as Ticket, queueKey: item.GSI2SK as string })));
    start = result.LastEvaluatedKey;
    first = false;
  } while ((start || first) && items.length < limit);
  return { items, exhausted: start === undefined };
}

/**
 * One page of the queue: the matching tickets of `filter.statuses`, soonest next deadline first
 * (ties by id), at most `limit`; the cursor is null when nothing is left.
 */
export async function readQueue(doc: DynamoDBDocumentClient, tableName: string, filter: QueueFilter, page: { limit: number; cursor?: string }): Promise<{ items: QueuedTicket[]; cursor: string | null }> {
  const at = positions(page.cursor, filter.statuses);
  const live = filter.statuses.filter((s) => at[s] !== DONE);
  const reads = await Promise.all(live.map(async (status) => ({ status, ...(await readPartition(doc, tableName, status, filter, at[status], page.limit)) })));
  const merged = reads.flatMap((r) => r.items.map((item) => ({ ...item, status: r.status })))
    .sort((a, b) => (a.queueKey < b.queueKey ? -1 : a.queueKey > b.queueKey ? 1 : 0))
    .slice(0, page.limit);
  const next: Partial<Record<Status, string>> = { ...at };
  let more = false;
  for (const r of reads) {
    const taken = merged.filter((m) => m.status === r.status);
    const allTaken = taken.length === r.items.length;
    if (taken.length > 0) next[r.status] = taken.at(-1)!.queueKey;
    if (allTaken && r.exhausted) next[r.status] = DONE;
    else more = true;
  }
  return { items: merged.map(({ ticket, queueKey }) => ({ ticket, queueKey })), cursor: more ? toBase64UrlJson(next) : null };
}
