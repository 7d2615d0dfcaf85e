// Articles on the single table (design §Knowledge base): the article `ARTICLE#<id>/ARTICLE`, each
// version its own item `ARTICLE#<id>/VERSION#<n>`, and its reading counters `ARTICLE#<id>/STATS`
// (kept apart, so a vote neither races an edit nor wakes the index rebuild on the stream).
// The head item holds the body's HTML as rendered when written (Article's html and summary);
// this module renders nothing, so the read routes that use it carry no Markdown renderer (issue 13).
import { TransactWriteCommand, DynamoDBDocumentClient, GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ConditionalCheckFailedException, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DomainError } from '../domain/index.js';
import type { Article, ArticleChange, ArticleVersion, RenderedBody } from '../domain/kb/index.js';
import { translateCancellation } from './dynamo-errors.js';
import { queryAll } from './query-all.js';

const pad = (n: number) => String(n).padStart(8, '0');

export const articleKeys = {
  article: (id: string) => ({ PK: `ARTICLE#${id}`, SK: 'ARTICLE' }),
  version: (id: string, version: number) => ({ PK: `ARTICLE#${id}`, SK: `VERSION#${pad(version)}` }),
  stats: (id: string) => ({ PK: `ARTICLE#${id}`, SK: 'STATS' }),
  /** GSI4: every article, by id (the desk's list and the index rebuild). */
  all: 'ARTICLES',
};

/** What readers did with an article: views, "was this helpful?" votes, and tickets not written after reading it. */
export type ArticleStats = { views: number; helpful: number; notHelpful: number; deflections: number };
export type ArticleCounter = keyof ArticleStats;
const NO_STATS: ArticleStats = { views: 0, helpful: 0, notHelpful: 0, deflections: 0 };

export interface ArticleStore {
  get(id: string): Promise<Article | null>;
  /** Writes the article and its new version in one transaction; `expectedVersion` 0 creates it. */
  save(change: ArticleChange, expectedVersion: number): Promise<void>;
  versions(id: string): Promise<ArticleVersion[]>;
  /** Every article (each one's current state), for the index rebuild and the desk. */
  list(): Promise<Article[]>;
  stats(id: string): Promise<ArticleStats>;
  count(id: string, counter: ArticleCounter): Promise<void>;
  /**
   * Stores the rendering of an article stored without one, if it is still at `version` and still
   * has none: true when written, false when a write got there first (that write rendered it).
   */
  fillRendered(id: string, version: number, rendered: RenderedBody): Promise<boolean>;
}

/** The head item: the article as a map, its version and status on top for conditions, stream filters and the list. */
export const articleItem = (article: Article): Record<string, unknown> => ({
  ...articleKeys.article(article.id), entity: 'article', version: article.version, status: article.status, article,
  GSI4PK: articleKeys.all, GSI4SK: article.id,
});

export class DynamoArticleStore implements ArticleStore {
  private readonly doc: DynamoDBDocumentClient;

  constructor(client: DynamoDBClient, private readonly tableName: string) {
    this.doc = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  }

  async get(id: string): Promise<Article | null> {
    const result = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: articleKeys.article(id) }));
    return (result.Item?.article as Article | undefined) ?? null;
  }

  async save(change: ArticleChange, expectedVersion: number): Promise<void> {
    const { article, version } = change;
    try {
      await this.doc.send(new TransactWriteCommand({
        TransactItems: [
          {
            Put: {
              TableName: this.tableName, Item: articleItem(article),
              ...(expectedVersion === 0
                ? { ConditionExpression: 'attribute_not_exists(PK)' }
                : { ConditionExpression: 'version = :expected', ExpressionAttributeValues: { ':expected': expectedVersion } }),
            },
          },
          {
            Put: {
              TableName: this.tableName, Item: { ...articleKeys.version(article.id, version.version), entity: 'article-version', articleVersion: version },
              ConditionExpression: 'attribute_not_exists(PK)',
            },
          },
        ],
      }));
    } catch (error) {
      translateCancellation(error, {
        0: () => new DomainError('version-conflict', `article ${article.id} changed since version ${expectedVersion}`, { id: article.id }),
        1: () => new DomainError('version-conflict', `article ${article.id} already has version ${version.version}`, { id: article.id }),
      });
    }
  }

  async versions(id: string): Promise<ArticleVersion[]> {
    const items = await queryAll(this.doc, {
      TableName: this.tableName, KeyConditionExpression: 'PK = :pk AND begins_with(SK, :v)',
      ExpressionAttributeValues: { ':pk': articleKeys.article(id).PK, ':v': 'VERSION#' },
    });
    return items.map((item) => item.articleVersion as ArticleVersion);
  }

  async list(): Promise<Article[]> {
    const items = await queryAll(this.doc, {
      TableName: this.tableName, IndexName: 'GSI4', KeyConditionExpression: 'GSI4PK = :pk', ExpressionAttributeValues: { ':pk': articleKeys.all },
    });
    return items.map((item) => item.article as Article);
  }

  async fillRendered(id: string, version: number, rendered: RenderedBody): Promise<boolean> {
    try {
      await this.doc.send(new UpdateCommand({
        TableName: this.tableName, Key: articleKeys.article(id),
        UpdateExpression: 'SET #a.#html = :html, #a.#summary = :summary',
        ConditionExpression: 'version = :version AND attribute_not_exists(#a.#html)',
        ExpressionAttributeNames: { '#a': 'article', '#html': 'html', '#summary': 'summary' },
        ExpressionAttributeValues: { ':html': rendered.html, ':summary': rendered.summary, ':version': version },
      }));
      return true;
    } catch (error) {
      if (error instanceof ConditionalCheckFailedException) return false;
      throw error;
    }
  }

  async stats(id: string): Promise<ArticleStats> {
    const result = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: articleKeys.stats(id) }));
    const item = result.Item ?? {};
    return Object.fromEntries(Object.keys(NO_STATS).map((k) => [k, typeof item[k] === 'number' ? item[k] : 0])) as ArticleStats;
  }

  async count(id: string, counter: ArticleCounter): Promise<void> {
    await this.doc.send(new UpdateCommand({
      TableName: this.tableName, Key: articleKeys.stats(id),
      UpdateExpression: 'SET entity = :e ADD #c :one', ExpressionAttributeNames: { '#c': counter }, ExpressionAttributeValues: { ':e': 'article-stats', ':one': 1 },
    }));
  }
}
