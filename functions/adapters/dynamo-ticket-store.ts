import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import {
  BatchGetCommand, DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand, TransactWriteCommand, UpdateCommand,
  type QueryCommandInput, type TransactWriteCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { DomainError, type Change, type Ticket } from '../domain/index.js';
import type { WorkEntry } from '../domain/billing/types.js';
import type { ClosedStatement, IdempotencyRecord, Message, OnceMarker, Page, StoredEvent, TicketFilter, TicketRecord, TicketStore, WorkQuery, WorkWrite } from './store.js';
import { decodeCursor, encodeCursor, translateCancellation } from './dynamo-errors.js';
import { indexKeys, keys, slaStateOf, ticketItem } from './items.js';
import { queryAll } from './query-all.js';
import { readQueue, type QueueFilter, type QueuedTicket } from './queue-query.js';

type TransactItem = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

const IDEMPOTENCY_TTL_S = 24 * 3600; // a retry comes within minutes; a day is generous
const FIRST_NUMBER = 1000;
const TEXT_SEARCH_BATCH = 100; // items read per request while searching text
const MAX_SEARCH_READS = 10; // a search page reads at most this many batches, then answers with what it found and a cursor

/** Whether a ticket passes a list filter (the number lookup's check; the queries filter in DynamoDB). */
function passes(t: Ticket, f: TicketFilter): boolean {
  const statuses = f.statuses ?? (f.status ? [f.status] : []);
  return (f.organisationId === undefined || t.organisationId === f.organisationId)
    && (f.partnerId === undefined || t.partnerId === f.partnerId)
    && (statuses.length === 0 || statuses.includes(t.status))
    && (f.severity === undefined || t.severity === f.severity)
    && (f.assignee === undefined || t.assignee === f.assignee)
    && (f.sla === undefined || slaStateOf(t) === f.sla)
    && (f.text === undefined || `${t.number} ${t.subject}`.toLocaleLowerCase('en').includes(f.text.toLocaleLowerCase('en')));
}

/** The ticket store on the single table: one Query per read, one transaction per command. */
export class DynamoTicketStore implements TicketStore {
  private readonly doc: DynamoDBDocumentClient;

  constructor(client: DynamoDBClient, private readonly tableName: string) {
    this.doc = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  }

  async get(id: string): Promise<TicketRecord | null> {
    let ticket: Ticket | null = null;
    const messages: Message[] = [];
    const events: StoredEvent[] = [];
    // One request unless the history outgrows 1 MB.
    for (const item of await queryAll(this.doc, { TableName: this.tableName, KeyConditionExpression: 'PK = :pk', ExpressionAttributeValues: { ':pk': keys.ticket(id).PK } })) {
      if (item.entity === 'ticket') ticket = item.ticket as Ticket;
      else if (item.entity === 'message') messages.push(item.message as Message);
      else if (item.entity === 'event') events.push(item.event as StoredEvent);
    }
    return ticket ? { ticket, messages, events } : null;
  }

  async create(change: Change, options: { messages: Message[]; idempotency?: IdempotencyRecord; once?: OnceMarker }): Promise<StoredEvent[]> {
    const events = this.stored(change);
    const { id, number, createdAt } = change.ticket;
    const items: TransactItem[] = [
      { Put: { TableName: this.tableName, Item: ticketItem(change.ticket), ConditionExpression: 'attribute_not_exists(PK)' } },
      ...this.eventPuts(events), ...this.messagePuts(options.messages),
    ];
    const exists = () => new DomainError('version-conflict', `ticket ${id} exists`, { id });
    const guards: Record<number, () => DomainError> = { 0: exists, [items.length]: exists };
    items.push({ Put: { // the number's pointer: a GetItem instead of a GSI for the inbound lookup
      TableName: this.tableName, Item: { ...keys.ticketNumber(number), entity: 'ticket-number', ticketId: id }, ConditionExpression: 'attribute_not_exists(PK)',
    } });
    this.pushOnce(items, guards, options.once, id, createdAt);
    this.pushIdempotency(items, guards, options.idempotency, change.ticket.createdAt);
    await this.transact(items, guards);
    return events;
  }

  async commit(change: Change, options: { expectedVersion: number; messages?: Message[]; work?: WorkWrite[]; once?: OnceMarker; idempotency?: IdempotencyRecord }): Promise<StoredEvent[]> {
    const events = this.stored(change);
    const items: TransactItem[] = [
      { Put: {
        TableName: this.tableName, Item: ticketItem(change.ticket),
        ConditionExpression: 'version = :expected', ExpressionAttributeValues: { ':expected': options.expectedVersion },
      } },
      ...this.eventPuts(events), ...this.messagePuts(options.messages ?? []), ...this.workPuts(options.work ?? []),
    ];
    const guards: Record<number, () => DomainError> = { 0: () => new DomainError('version-conflict', `ticket ${change.ticket.id} changed since version ${options.expectedVersion}`, { id: change.ticket.id, version: options.expectedVersion }) };
    this.pushOpenMonths(items, guards, options.work ?? []);
    const at = change.events[0]?.at ?? change.ticket.statusSince;
    this.pushOnce(items, guards, options.once, change.ticket.id, at);
    this.pushIdempotency(items, guards, options.idempotency, at);
    await this.transact(items, guards);
    return events;
  }

  async findIdByNumber(number: string): Promise<string | null> {
    const result = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: keys.ticketNumber(number) }));
    return (result.Item?.ticketId as string | undefined) ?? null;
  }

  async findIdByInboundMessageId(messageId: string): Promise<string | null> {
    const result = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: keys.inbound(messageId), ConsistentRead: true }));
    return (result.Item?.ticketId as string | undefined) ?? null;
  }

  async findIdsByInboundMessageIds(messageIds: readonly string[]): Promise<Map<string, string>> {
    const found = new Map<string, string>();
    let keysLeft: Record<string, unknown>[] = [...new Set(messageIds)].slice(0, 100).map((id) => keys.inbound(id));
    // BatchGetItem may leave keys unprocessed under throttling: ask again for those only
    for (let round = 0; keysLeft.length > 0 && round < 5; round++) {
      const result = await this.doc.send(new BatchGetCommand({ RequestItems: { [this.tableName]: { Keys: keysLeft, ConsistentRead: true } } }));
      for (const item of result.Responses?.[this.tableName] ?? []) found.set(String(item.PK).slice('INBOUND#'.length), item.ticketId as string);
      keysLeft = (result.UnprocessedKeys?.[this.tableName]?.Keys ?? []) as Record<string, unknown>[];
    }
    if (keysLeft.length > 0) throw new Error(`inbound markers unread after retries: ${keysLeft.length}`);
    return found;
  }

  /** The once-only marker, guarded: a second write with it cancels the transaction as an `idempotency-conflict`. */
  private pushOnce(items: TransactItem[], guards: Record<number, () => DomainError>, once: OnceMarker | undefined, ticketId: string, at: string): void {
    if (!once) return;
    const key = once.kind === 'inbound' ? keys.inbound(once.messageId) : keys.mailEvent(once.eventId, ticketId);
    const marker = once.kind === 'inbound' ? once.messageId : once.eventId;
    guards[items.length] = () => new DomainError('idempotency-conflict', `${once.kind} ${marker} was processed before`, { marker });
    items.push({ Put: { TableName: this.tableName, Item: { ...key, entity: once.kind, ticketId, at }, ConditionExpression: 'attribute_not_exists(PK)' } });
  }

  /** The Idempotency-Key's record, guarded: a key taken by an earlier (or racing) request cancels the write. */
  private pushIdempotency(items: TransactItem[], guards: Record<number, () => DomainError>, record: IdempotencyRecord | undefined, at: string): void {
    if (!record) return;
    guards[items.length] = () => new DomainError('idempotency-conflict', 'this Idempotency-Key was used by another request', { field: 'Idempotency-Key' });
    items.push({ Put: {
      TableName: this.tableName, ConditionExpression: 'attribute_not_exists(PK)',
      Item: { ...keys.idempotency(record.scope, record.key), entity: 'idempotency', record, expiresAt: Math.floor(Date.parse(at) / 1000) + IDEMPOTENCY_TTL_S },
    } });
  }

  async nextTicketNumber(): Promise<string> {
    const result = await this.doc.send(new UpdateCommand({
      TableName: this.tableName, Key: keys.counter(), UpdateExpression: 'ADD n :one', ExpressionAttributeValues: { ':one': 1 }, ReturnValues: 'UPDATED_NEW',
    }));
    return `T-${FIRST_NUMBER + Number(result.Attributes?.n)}`;
  }

  async findIdempotency(scope: string, key: string): Promise<IdempotencyRecord | null> {
    // Consistent: a retry that lost a race to its twin must see the twin's record.
    const result = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: keys.idempotency(scope, key), ConsistentRead: true }));
    return (result.Item?.record as IdempotencyRecord | undefined) ?? null;
  }

  async list(filter: TicketFilter, page: { limit: number; cursor?: string }): Promise<Page<Ticket>> {
    if (filter.number !== undefined) return this.listByNumber(filter.number, filter);
    const statuses = filter.statuses ?? (filter.status ? [filter.status] : []);
    const index = filter.organisationId ? { name: 'GSI1', pk: indexKeys.orgTickets(filter.organisationId), forward: false }
      : filter.partnerId ? { name: 'GSI3', pk: indexKeys.partnerTickets(filter.partnerId), forward: false }
      : statuses.length === 1 ? { name: 'GSI2', pk: indexKeys.statusQueue(statuses[0]!), forward: true } // the queue: soonest due first
      : { name: 'GSI4', pk: indexKeys.allTickets, forward: false };
    const n = index.name.slice(3);
    const conditions: string[] = [];
    const values: Record<string, unknown> = { ':pk': index.pk };
    const names: Record<string, string> = {};
    const where = (attribute: string, value: unknown) => {
      names[`#${attribute}`] = attribute;
      values[`:${attribute}`] = value;
      conditions.push(`#${attribute} = :${attribute}`);
    };
    if (statuses.length > 0 && index.name !== 'GSI2') {
      names['#status'] = 'status';
      statuses.forEach((st, i) => { values[`:status${i}`] = st; });
      conditions.push(`#status IN (${statuses.map((_, i) => `:status${i}`).join(', ')})`);
    }
    if (filter.severity) where('severity', filter.severity);
    if (filter.assignee) where('assignee', filter.assignee);
    if (filter.sla) where('slaState', filter.sla);
    if (filter.partnerId && index.name === 'GSI1') { names['#GSI3PK'] = 'GSI3PK'; values[':partner'] = indexKeys.partnerTickets(filter.partnerId); conditions.push('#GSI3PK = :partner'); }
    const keyNames = ['PK', 'SK', `GSI${n}PK`, `GSI${n}SK`];
    // Text is matched here, not in a FilterExpression: DynamoDB compares case-sensitively, and an
    // expression filter reads (and bills) the same items anyway. So the page ends at the last
    // item taken, and the cursor is that item's keys.
    const text = filter.text?.toLocaleLowerCase('en');
    const matches = (t: Ticket) => !text || `${t.number} ${t.subject}`.toLocaleLowerCase('en').includes(text);
    const items: Ticket[] = [];
    let start: Record<string, unknown> | undefined = decodeCursor(page.cursor, keyNames, { [`GSI${n}PK`]: index.pk });
    let reads = 0;
    do { // a filter applies after Limit, so a page may take more than one request to fill
      const input: QueryCommandInput = {
        TableName: this.tableName, IndexName: index.name, KeyConditionExpression: `GSI${n}PK = :pk`, ExpressionAttributeValues: values,
        ScanIndexForward: index.forward, Limit: text ? TEXT_SEARCH_BATCH : page.limit - items.length, ExclusiveStartKey: start,
        ...(conditions.length ? { FilterExpression: conditions.join(' AND '), ExpressionAttributeNames: names } : {}),
      };
      const result = await this.doc.send(new QueryCommand(input));
      reads += 1;
      start = result.LastEvaluatedKey;
      for (const item of result.Items ?? []) {
        if (!matches(item.ticket as Ticket)) continue;
        items.push(item.ticket as Ticket);
        if (items.length === page.limit) {
          if (text) start = Object.fromEntries(keyNames.map((k) => [k, item[k]]));
          break;
        }
      }
    } while (start && items.length < page.limit && reads < MAX_SEARCH_READS);
    return { items, cursor: encodeCursor(start) };
  }

  queue(filter: QueueFilter, page: { limit: number; cursor?: string }): Promise<Page<QueuedTicket>> {
    return readQueue(this.doc, this.tableName, filter, page);
  }

  /** One ticket by its number, if it passes the filter: the pointer, then the ticket item (two GetItems). */
  private async listByNumber(number: string, filter: TicketFilter): Promise<Page<Ticket>> {
    const id = await this.findIdByNumber(number);
    const found = id ? await this.doc.send(new GetCommand({ TableName: this.tableName, Key: keys.ticket(id) })) : null;
    const ticket = found?.Item?.ticket as Ticket | undefined;
    return { items: ticket && passes(ticket, filter) ? [ticket] : [], cursor: null };
  }

  /** The change's events with their stable ids: `<ticket>#<version>#<index>`, the outbox's idempotency key. */
  private stored(change: Change): StoredEvent[] {
    const { id, number, version } = change.ticket;
    return change.events.map((e, i) => ({ ...e, id: `${id}#${version}#${i}`, ticketId: id, ticketNumber: number, version }));
  }

  private eventPuts(events: StoredEvent[]): TransactItem[] {
    return events.map((event, i) => ({ Put: {
      TableName: this.tableName, Item: { ...keys.event(event.ticketId, event.version, i), entity: 'event', event }, ConditionExpression: 'attribute_not_exists(PK)',
    } }));
  }

  private messagePuts(messages: Message[]): TransactItem[] {
    return messages.map((message) => ({ Put: {
      TableName: this.tableName, Item: { ...keys.message(message.ticketId, message.at, message.id), entity: 'message', message }, ConditionExpression: 'attribute_not_exists(PK)',
    } }));
  }

  private workPuts(work: WorkWrite[]): TransactItem[] {
    return work.map(({ entry, month }) => {
      const sort = `${entry.startedAt}#${entry.id}`;
      return { Put: {
        TableName: this.tableName, ConditionExpression: 'attribute_not_exists(PK)',
        Item: {
          ...keys.work(entry.ticketId, entry.startedAt, entry.id), entity: 'work', work: entry,
          GSI1PK: indexKeys.organisationWork(entry.organisationId, month), GSI1SK: sort,
          GSI3PK: indexKeys.billedWork(entry.billToOrganisationId, month), GSI3SK: sort,
        },
      } };
    });
  }

  /** Work goes only into months still open for its bill-to: a condition on each closed-statement key, in the same transaction. */
  private pushOpenMonths(items: TransactItem[], guards: Record<number, () => DomainError>, work: WorkWrite[]): void {
    const months = new Map(work.map(({ entry, month }) => [`${entry.billToOrganisationId} ${month}`, { billTo: entry.billToOrganisationId, month }]));
    for (const { billTo, month } of months.values()) {
      guards[items.length] = () => new DomainError('invalid-transition', `${month} is closed for billing to ${billTo}`, { field: 'startedAt', month });
      items.push({ ConditionCheck: { TableName: this.tableName, Key: keys.statement(billTo, month), ConditionExpression: 'attribute_not_exists(PK)' } });
    }
  }

  async closeStatement(statement: ClosedStatement): Promise<void> {
    try {
      await this.doc.send(new PutCommand({
        TableName: this.tableName, ConditionExpression: 'attribute_not_exists(PK)',
        Item: { ...keys.statement(statement.billToOrganisationId, statement.month), entity: 'statement', statement },
      }));
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
      throw new DomainError('invalid-transition', `${statement.month} is already closed for ${statement.billToOrganisationId}`, { month: statement.month }, { cause: error });
    }
  }

  async getClosedStatement(billToOrganisationId: string, month: string): Promise<ClosedStatement | null> {
    const result = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: keys.statement(billToOrganisationId, month), ConsistentRead: true }));
    return (result.Item?.statement as ClosedStatement | undefined) ?? null;
  }

  async listWork(ticketId: string): Promise<WorkEntry[]> {
    return this.queryWork({
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :work)', ExpressionAttributeValues: { ':pk': keys.ticket(ticketId).PK, ':work': 'WORK#' },
    });
  }

  async listWorkOf(query: WorkQuery): Promise<WorkEntry[]> {
    const [index, pk] = 'organisationId' in query ? ['GSI1', indexKeys.organisationWork(query.organisationId, query.month)]
      : ['GSI3', indexKeys.billedWork(query.billToOrganisationId, query.month)];
    return this.queryWork({ IndexName: index, KeyConditionExpression: `${index}PK = :pk`, ExpressionAttributeValues: { ':pk': pk } });
  }

  /** Every page of a work query, in time order. */
  private async queryWork(input: Omit<QueryCommandInput, 'TableName'>): Promise<WorkEntry[]> {
    const items = await queryAll(this.doc, { TableName: this.tableName, ...input });
    return items.filter((item) => item.entity === 'work').map((item) => item.work as WorkEntry);
  }

  private async transact(items: TransactItem[], guards: Record<number, () => DomainError>): Promise<void> {
    if (items.length > 100) throw new DomainError('invalid-input', 'a command may write at most 100 items', { items: items.length });
    try {
      await this.doc.send(new TransactWriteCommand({ TransactItems: items }));
    } catch (error) {
      translateCancellation(error, guards);
    }
  }
}
