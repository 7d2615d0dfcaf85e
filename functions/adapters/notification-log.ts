// The outbox's memory of what it mailed: one item per notification, under the ticket's partition,
// so a redelivered stream event sends no second email, and an inbound reply finds its ticket by
// the Message-ID it answers (In-Reply-To) through GSI3.
import { ConditionalCheckFailedException, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Notification } from '../domain/notifications/index.js';
import type { SentEmail } from './email/ses-mailer.js';
import { indexKeys, keys } from './items.js';
import { queryAll } from './query-all.js';

/** `sending`: claimed, the send may or may not have happened; `sent`: SES took it; `rejected`: SES refused it for good. */
export type MailStatus = 'sending' | 'sent' | 'rejected';

export type MailRecord = {
  notificationId: string;
  eventId: string;
  ticketId: string;
  ticketNumber: string;
  template: string;
  recipient: string;
  language: string;
  status: MailStatus;
  attempts: number; // claims: more than 1 means a redelivery found it `sending` and sent again
  claimedAt: string;
  sentAt: string | null;
  sesMessageId: string | null;
  rfcMessageId: string | null; // `<id@region.amazonses.com>`: what a reply's In-Reply-To names
  rejection: string | null;
};

/**
 * - `send`: first claim, or a claim left `sending` by a crash between claim and send (at-least-once: it may have gone out);
 * - `done`: already `sent` or `rejected`, nothing to do.
 */
export type ClaimOutcome = { action: 'send'; attempts: number } | { action: 'done'; record: MailRecord };

export interface NotificationLog {
  /** Claims a notification before it is sent (a conditional put), or says it is done. */
  claim(n: Notification, at: string): Promise<ClaimOutcome>;
  markSent(n: Notification, sent: SentEmail, at: string): Promise<void>;
  markRejected(n: Notification, reason: string, at: string): Promise<void>;
  get(ticketId: string, notificationId: string): Promise<MailRecord | null>;
  /** The notification an RFC Message-ID belongs to: how an inbound reply finds its ticket. */
  findByRfcMessageId(rfcMessageId: string): Promise<MailRecord | null>;
  /** Every email a ticket has caused, in notification-id order: what went out, to whom, and how it ended. */
  listForTicket(ticketId: string): Promise<MailRecord[]>;
}

const RECORD_FIELDS = [
  'notificationId', 'eventId', 'ticketId', 'ticketNumber', 'template', 'recipient', 'language', 'status', 'attempts',
  'claimedAt', 'sentAt', 'sesMessageId', 'rfcMessageId', 'rejection',
] as const satisfies readonly (keyof MailRecord)[];

const recordOf = (item: Record<string, unknown>): MailRecord =>
  Object.fromEntries(RECORD_FIELDS.map((f) => [f, item[f] ?? null])) as MailRecord;

/** The notification log on the single table: PK `TICKET-MAIL#<id>`, SK `MAIL#<notification id>`, entity `mail`. */
export class DynamoNotificationLog implements NotificationLog {
  private readonly doc: DynamoDBDocumentClient;

  constructor(client: DynamoDBClient, private readonly tableName: string) {
    this.doc = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  }

  async claim(n: Notification, at: string): Promise<ClaimOutcome> {
    const record: MailRecord = {
      notificationId: n.id, eventId: n.eventId, ticketId: n.ticketId, ticketNumber: n.ticketNumber, template: n.template,
      recipient: n.to.email, language: n.language, status: 'sending', attempts: 1, claimedAt: at,
      sentAt: null, sesMessageId: null, rfcMessageId: null, rejection: null,
    };
    try {
      await this.doc.send(new PutCommand({
        TableName: this.tableName, Item: { ...keys.mail(n.ticketId, n.id), entity: 'mail', ...record },
        ConditionExpression: 'attribute_not_exists(PK)',
      }));
      return { action: 'send', attempts: 1 };
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
    // Claimed before: by a delivery that finished (done), or one that died between claim and mark (send again).
    try {
      const result = await this.doc.send(new UpdateCommand({
        TableName: this.tableName, Key: keys.mail(n.ticketId, n.id),
        UpdateExpression: 'SET attempts = attempts + :one, claimedAt = :at',
        ConditionExpression: '#status = :sending',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':one': 1, ':at': at, ':sending': 'sending' },
        ReturnValues: 'ALL_NEW',
      }));
      return { action: 'send', attempts: Number(result.Attributes?.attempts) };
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
    const done = await this.get(n.ticketId, n.id);
    if (!done) throw new Error(`notification ${n.id} vanished while being claimed`);
    return { action: 'done', record: done };
  }

  async markSent(n: Notification, sent: SentEmail, at: string): Promise<void> {
    await this.doc.send(new UpdateCommand({
      TableName: this.tableName, Key: keys.mail(n.ticketId, n.id),
      UpdateExpression: 'SET #status = :sent, sentAt = :at, sesMessageId = :ses, rfcMessageId = :rfc, GSI3PK = :gsi, GSI3SK = :mail',
      ConditionExpression: 'attribute_exists(PK)',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: {
        ':sent': 'sent', ':at': at, ':ses': sent.messageId, ':rfc': sent.rfcMessageId, ':gsi': indexKeys.rfcMessageId(sent.rfcMessageId), ':mail': 'MAIL',
      },
    }));
  }

  async markRejected(n: Notification, reason: string, at: string): Promise<void> {
    await this.doc.send(new UpdateCommand({
      TableName: this.tableName, Key: keys.mail(n.ticketId, n.id),
      UpdateExpression: 'SET #status = :rejected, sentAt = :at, rejection = :reason',
      ConditionExpression: 'attribute_exists(PK)',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: { ':rejected': 'rejected', ':at': at, ':reason': reason.slice(0, 1000) },
    }));
  }

  async get(ticketId: string, notificationId: string): Promise<MailRecord | null> {
    const result = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: keys.mail(ticketId, notificationId), ConsistentRead: true }));
    return result.Item ? recordOf(result.Item) : null;
  }

  async listForTicket(ticketId: string): Promise<MailRecord[]> {
    const { PK } = keys.mail(ticketId, '');
    const items = await queryAll(this.doc, { TableName: this.tableName, KeyConditionExpression: 'PK = :pk', ExpressionAttributeValues: { ':pk': PK }, ConsistentRead: true });
    return items.map(recordOf);
  }

  async findByRfcMessageId(rfcMessageId: string): Promise<MailRecord | null> {
    const result = await this.doc.send(new QueryCommand({
      TableName: this.tableName, IndexName: 'GSI3', KeyConditionExpression: 'GSI3PK = :pk',
      ExpressionAttributeValues: { ':pk': indexKeys.rfcMessageId(rfcMessageId) }, Limit: 1,
    }));
    const item = result.Items?.[0];
    return item ? recordOf(item) : null;
  }
}
