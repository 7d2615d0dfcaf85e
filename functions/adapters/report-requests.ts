// Ticket reports to email (R-RPT-1), on the single table: one item per report, written by the API
// (on request) or the scheduled run (weekly, monthly). Its INSERT on the stream is the outbox's
// cue; the outbox claims it before sending, like a ticket's notification (notification-log.ts).
import { ConditionalCheckFailedException, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Language } from '../domain/index.js';
import type { ReportFrequency } from '../domain/reports/schedule.js';
import type { Period } from '../domain/reports/ticket-report.js';
import type { SentEmail } from './email/ses-mailer.js';
import { keys } from './items.js';

export type ReportRequest = {
  id: string;
  organisationId: string;
  recipient: { email: string; name: string; language: Language };
  period: Period;
  frequency: 'on-request' | ReportFrequency;
  requestedBy: string; // the caller's email, or 'schedule'
  requestedAt: string;
  /** R-PARTY-2: asked by a partner for a customer: the report holds only the tickets recording this partner. */
  partnerId?: string;
};

export type ReportRequestRecord = ReportRequest & {
  status: 'requested' | 'sending' | 'sent' | 'rejected';
  attempts: number;
  sentAt: string | null;
  sesMessageId: string | null;
  rejection: string | null;
};

export type ReportClaim = { action: 'send'; attempts: number } | { action: 'done'; record: ReportRequestRecord };

export interface ReportRequests {
  /** Writes a new request; false (and nothing written) when one with its id exists: a scheduled run repeated. */
  create(request: ReportRequest): Promise<boolean>;
  get(id: string): Promise<ReportRequestRecord | null>;
  /** Claims the request before its email goes out; `done` once sent or rejected. */
  claim(id: string, at: string): Promise<ReportClaim>;
  markSent(id: string, sent: SentEmail, at: string): Promise<void>;
  markRejected(id: string, reason: string, at: string): Promise<void>;
}

export const REPORT_REQUEST_ENTITY = 'report-request';

export class DynamoReportRequests implements ReportRequests {
  private readonly doc: DynamoDBDocumentClient;

  constructor(client: DynamoDBClient, private readonly tableName: string) {
    this.doc = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  }

  async create(request: ReportRequest): Promise<boolean> {
    const record: ReportRequestRecord = { ...request, status: 'requested', attempts: 0, sentAt: null, sesMessageId: null, rejection: null };
    try {
      await this.doc.send(new PutCommand({
        TableName: this.tableName, Item: { ...keys.reportRequest(request.id), entity: REPORT_REQUEST_ENTITY, request: record },
        ConditionExpression: 'attribute_not_exists(PK)',
      }));
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  async get(id: string): Promise<ReportRequestRecord | null> {
    const result = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: keys.reportRequest(id), ConsistentRead: true }));
    return (result.Item?.request as ReportRequestRecord | undefined) ?? null;
  }

  async claim(id: string, at: string): Promise<ReportClaim> {
    try {
      const result = await this.doc.send(new UpdateCommand({
        TableName: this.tableName, Key: keys.reportRequest(id),
        UpdateExpression: 'SET #r.#status = :sending, #r.attempts = #r.attempts + :one, #r.claimedAt = :at',
        ConditionExpression: '#r.#status IN (:requested, :sending)',
        ExpressionAttributeNames: { '#r': 'request', '#status': 'status' }, // `request` is a reserved word
        ExpressionAttributeValues: { ':sending': 'sending', ':requested': 'requested', ':one': 1, ':at': at },
        ReturnValues: 'ALL_NEW',
      }));
      return { action: 'send', attempts: Number((result.Attributes?.request as ReportRequestRecord).attempts) };
    } catch (error) {
      if (!(error instanceof ConditionalCheckFailedException)) throw error;
    }
    const record = await this.get(id);
    if (!record) throw new Error(`report request ${id} is not there`);
    return { action: 'done', record };
  }

  async markSent(id: string, sent: SentEmail, at: string): Promise<void> {
    await this.doc.send(new UpdateCommand({
      TableName: this.tableName, Key: keys.reportRequest(id),
      UpdateExpression: 'SET #r.#status = :sent, #r.sentAt = :at, #r.sesMessageId = :ses',
      ConditionExpression: 'attribute_exists(PK)',
      ExpressionAttributeNames: { '#r': 'request', '#status': 'status' }, // `request` is a reserved word
      ExpressionAttributeValues: { ':sent': 'sent', ':at': at, ':ses': sent.messageId },
    }));
  }

  async markRejected(id: string, reason: string, at: string): Promise<void> {
    await this.doc.send(new UpdateCommand({
      TableName: this.tableName, Key: keys.reportRequest(id),
      UpdateExpression: 'SET #r.#status = :rejected, #r.sentAt = :at, #r.rejection = :reason',
      ConditionExpression: 'attribute_exists(PK)',
      ExpressionAttributeNames: { '#r': 'request', '#status': 'status' }, // `request` is a reserved word
      ExpressionAttributeValues: { ':rejected': 'rejected', ':at': at, ':reason': reason.slice(0, 1000) },
    }));
  }
}
