import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, DynamoDBDocumentClient, GetCommand, PutCommand, QueryCommand, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DomainError, type Contact, type Organisation } from '../domain/index.js';
import type { ReportFrequency } from '../domain/reports/schedule.js';
import type { DirectoryStore, Page, ReportSubscription } from './store.js';
import { decodeCursor, encodeCursor } from './dynamo-errors.js';
import { indexKeys, keys } from './items.js';
import { queryAll } from './query-all.js';

type Versioned = Organisation & { version: number };

/** Organisations, their contacts and report subscriptions on the single table (R-PARTY-1, R-ENT-1..3, R-RPT-1). */
export class DynamoDirectoryStore implements DirectoryStore {
  private readonly doc: DynamoDBDocumentClient;

  constructor(client: DynamoDBClient, private readonly tableName: string) {
    this.doc = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  }

  async getOrganisation(id: string): Promise<Versioned | null> {
    const result = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: keys.organisation(id) }));
    return result.Item ? { ...(result.Item.organisation as Organisation), version: result.Item.version as number } : null;
  }

  async putOrganisation(org: Organisation, expectedVersion: number): Promise<Versioned> {
    const version = expectedVersion + 1;
    try {
      await this.doc.send(new PutCommand({
        TableName: this.tableName,
        Item: {
          ...keys.organisation(org.id), entity: 'organisation', organisation: org, version,
          GSI4PK: indexKeys.allOrganisations, GSI4SK: org.id,
          ...(org.partnerId ? { GSI3PK: indexKeys.partnerOrganisations(org.partnerId), GSI3SK: org.id } : {}),
        },
        ...(expectedVersion === 0
          ? { ConditionExpression: 'attribute_not_exists(PK)' }
          : { ConditionExpression: 'version = :expected', ExpressionAttributeValues: { ':expected': expectedVersion } }),
      }));
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) {
        throw new DomainError('version-conflict', `organisation ${org.id} changed since version ${expectedVersion}`, { id: org.id }, { cause: error });
      }
      throw error;
    }
    return { ...org, version };
  }

  async listOrganisations(page: { limit: number; cursor?: string; partnerId?: string }): Promise<Page<Versioned>> {
    const [index, pk] = page.partnerId ? ['GSI3', indexKeys.partnerOrganisations(page.partnerId)] : ['GSI4', indexKeys.allOrganisations];
    const result = await this.doc.send(new QueryCommand({
      TableName: this.tableName, IndexName: index, KeyConditionExpression: `${index}PK = :pk`, ExpressionAttributeValues: { ':pk': pk },
      Limit: page.limit, ExclusiveStartKey: decodeCursor(page.cursor, ['PK', 'SK', `${index}PK`, `${index}SK`], { [`${index}PK`]: pk }),
    }));
    return {
      items: (result.Items ?? []).map((item) => ({ ...(item.organisation as Organisation), version: item.version as number })),
      cursor: encodeCursor(result.LastEvaluatedKey),
    };
  }

  async findContact(email: string): Promise<Contact | null> {
    const result = await this.doc.send(new QueryCommand({
      TableName: this.tableName, IndexName: 'GSI3', KeyConditionExpression: 'GSI3PK = :pk',
      ExpressionAttributeValues: { ':pk': indexKeys.email(email.toLowerCase()) }, Limit: 1,
    }));
    return (result.Items?.[0]?.contact as Contact | undefined) ?? null;
  }

  async putContact(contact: Contact): Promise<Contact> {
    // An email belongs to one organisation: the sender of an email must map to one contact.
    const existing = await this.findContact(contact.email);
    if (existing && existing.organisationId !== contact.organisationId) {
      throw new DomainError('invalid-transition', `${contact.email} is a contact of another organisation`, { field: 'email' });
    }
    await this.doc.send(new PutCommand({
      TableName: this.tableName,
      Item: { ...keys.contact(contact.organisationId, contact.email), entity: 'contact', contact, GSI3PK: indexKeys.email(contact.email), GSI3SK: 'CONTACT' },
    }));
    return contact;
  }

  async listContacts(organisationId: string): Promise<Contact[]> {
    const items = await queryAll(this.doc, {
      TableName: this.tableName, KeyConditionExpression: 'PK = :pk AND begins_with(SK, :contact)',
      ExpressionAttributeValues: { ':pk': keys.organisation(organisationId).PK, ':contact': 'CONTACT#' },
    });
    return items.map((item) => item.contact as Contact); // every page: a big organisation's contacts pass 1 MB
  }

  async deleteContact(organisationId: string, email: string): Promise<void> {
    await this.doc.send(new DeleteCommand({ TableName: this.tableName, Key: keys.contact(organisationId, email.toLowerCase()) }));
  }

  async putReportSubscription(subscription: ReportSubscription): Promise<ReportSubscription> {
    const sub = { ...subscription, email: subscription.email.toLowerCase() }; // one per email, as contacts
    // A put replaces the whole item, so a new frequency moves it to that GSI4 partition.
    await this.doc.send(new PutCommand({
      TableName: this.tableName,
      Item: {
        ...keys.reportSubscription(sub.organisationId, sub.email), entity: 'report-subscription', reportSubscription: sub,
        GSI4PK: indexKeys.reportSubscriptions(sub.frequency), GSI4SK: `${sub.organisationId}#${sub.email}`,
      },
    }));
    return sub;
  }

  async deleteReportSubscription(organisationId: string, email: string): Promise<boolean> {
    const result = await this.doc.send(new DeleteCommand({
      TableName: this.tableName, Key: keys.reportSubscription(organisationId, email.toLowerCase()), ReturnValues: 'ALL_OLD',
    }));
    return result.Attributes !== undefined;
  }

  async listReportSubscriptions(organisationId: string): Promise<ReportSubscription[]> {
    return this.querySubscriptions({
      KeyConditionExpression: 'PK = :pk AND begins_with(SK, :sub)',
      ExpressionAttributeValues: { ':pk': keys.organisation(organisationId).PK, ':sub': 'REPORT-SUB#' },
    });
  }

  async listReportSubscriptionsByFrequency(frequency: ReportFrequency): Promise<ReportSubscription[]> {
    return this.querySubscriptions({
      IndexName: 'GSI4', KeyConditionExpression: 'GSI4PK = :pk', ExpressionAttributeValues: { ':pk': indexKeys.reportSubscriptions(frequency) },
    });
  }

  /** Every page of a subscription query, in key order. */
  private async querySubscriptions(input: Omit<QueryCommandInput, 'TableName'>): Promise<ReportSubscription[]> {
    const items = await queryAll(this.doc, { TableName: this.tableName, ...input });
    return items.filter((item) => item.entity === 'report-subscription').map((item) => item.reportSubscription as ReportSubscription);
  }
}
