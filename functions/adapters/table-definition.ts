// The one schema of the support desk's single table. The CDK construct (lib/ticket-table.ts)
// and DynamoDB Local (local stack, integration tests: CreateTable) are both built from it, so
// the deployed table and the local one cannot drift. Plain data with no imports: lib/ reads it
// without pulling in the AWS SDK.

/** A global secondary index; every key attribute is a string, every projection ALL. */
export type IndexDefinition = {
  readonly indexName: string;
  readonly partitionKey: string;
  readonly sortKey: string;
};

export type TableDefinition = {
  readonly partitionKey: string;
  readonly sortKey: string;
  readonly globalSecondaryIndexes: readonly IndexDefinition[];
  /** The outbox reads only what a write stored, never what it replaced. */
  readonly streamViewType: 'NEW_IMAGE';
  /** Epoch seconds after which DynamoDB may delete an item (idempotency keys); never a timer. */
  readonly timeToLiveAttribute: string;
};

// Generic key names (GSI1PK, ...) so an entity type can reuse an index for its own access
// pattern without a table migration; the comments name today's use.
export const tableDefinition = {
  partitionKey: 'PK',
  sortKey: 'SK',
  globalSecondaryIndexes: [
    { indexName: 'GSI1', partitionKey: 'GSI1PK', sortKey: 'GSI1SK' }, // an organisation's tickets by creation time
    { indexName: 'GSI2', partitionKey: 'GSI2PK', sortKey: 'GSI2SK' }, // the agents' queue by status and due time
    { indexName: 'GSI3', partitionKey: 'GSI3PK', sortKey: 'GSI3SK' }, // contacts by email; a partner's tickets and customers
    { indexName: 'GSI4', partitionKey: 'GSI4PK', sortKey: 'GSI4SK' }, // every ticket (or organisation) by creation time
  ],
  streamViewType: 'NEW_IMAGE',
  timeToLiveAttribute: 'expiresAt',
} as const satisfies TableDefinition;

// Structural copies of the SDK's CreateTable input types (mutable arrays, as the SDK takes
// them), so this file stays dependency-free and the result still fits CreateTableCommand.
type KeySchemaElement = { AttributeName: string; KeyType: 'HASH' | 'RANGE' };

export type CreateTableInput = {
  TableName: string;
  AttributeDefinitions: { AttributeName: string; AttributeType: 'S' }[];
  KeySchema: KeySchemaElement[];
  GlobalSecondaryIndexes: { IndexName: string; KeySchema: KeySchemaElement[]; Projection: { ProjectionType: 'ALL' } }[];
  BillingMode: 'PAY_PER_REQUEST';
  StreamSpecification: { StreamEnabled: true; StreamViewType: 'NEW_IMAGE' };
};

const keySchema = (partitionKey: string, sortKey: string): KeySchemaElement[] => [
  { AttributeName: partitionKey, KeyType: 'HASH' },
  { AttributeName: sortKey, KeyType: 'RANGE' },
];

/** The CreateTable input for `tableDefinition` (DynamoDB Local); a fresh object on every call. */
export const toCreateTableInput = (tableName: string): CreateTableInput => {
  const { partitionKey, sortKey, globalSecondaryIndexes: indexes, streamViewType } = tableDefinition;
  const keyNames = [partitionKey, sortKey, ...indexes.flatMap((i) => [i.partitionKey, i.sortKey])];
  return {
    TableName: tableName,
    // CreateTable rejects an attribute defined twice, so indexes sharing a key are deduplicated.
    AttributeDefinitions: [...new Set(keyNames)].map((name) => ({ AttributeName: name, AttributeType: 'S' })),
    KeySchema: keySchema(partitionKey, sortKey),
    GlobalSecondaryIndexes: indexes.map((i) => ({
      IndexName: i.indexName,
      KeySchema: keySchema(i.partitionKey, i.sortKey),
      Projection: { ProjectionType: 'ALL' },
    })),
    BillingMode: 'PAY_PER_REQUEST',
    StreamSpecification: { StreamEnabled: true, StreamViewType: streamViewType },
  };
};
