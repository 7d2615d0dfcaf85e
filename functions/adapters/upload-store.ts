// The uploads a person was given a URL for: who asked, and the name, type and size the URL was
// signed for, so attaching one checks it against what storage really holds.
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { keys } from './items.js';

export type Upload = {
  id: string;
  ownerSub: string; // the person who asked: only they may attach it
  fileName: string;
  contentType: string;
  size: number;
  key: string; // where the browser puts the bytes
  createdAt: string;
  expiresAt: string; // the record's end (the bucket's lifecycle removes an unattached object)
};

export interface UploadStore {
  put(upload: Upload): Promise<void>;
  get(id: string): Promise<Upload | null>;
}

export class DynamoUploadStore implements UploadStore {
  private readonly doc: DynamoDBDocumentClient;

  constructor(client: DynamoDBClient, private readonly tableName: string) {
    this.doc = DynamoDBDocumentClient.from(client);
  }

  async put(upload: Upload): Promise<void> {
    await this.doc.send(new PutCommand({
      TableName: this.tableName, ConditionExpression: 'attribute_not_exists(PK)',
      Item: { ...keys.upload(upload.id), entity: 'upload', upload, expiresAt: Math.floor(Date.parse(upload.expiresAt) / 1000) },
    }));
  }

  async get(id: string): Promise<Upload | null> {
    const result = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: keys.upload(id), ConsistentRead: true }));
    const upload = result.Item?.upload as Upload | undefined;
    return upload ?? null;
  }
}
