import { join } from 'node:path';
import { Duration, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import * as s3 from 'aws-cdk-lib/aws-s3';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { ARTICLE_INDEX_KEY } from '../functions/adapters/search/index-key.js';
import { deadLetterQueue } from './dead-letter-queue.js';
import { PROJECT_ROOT, SupportFunction } from './support-function.js';
import type { TicketTable } from './ticket-table.js';

export type KnowledgeBaseProps = {
  readonly tickets: TicketTable;
};

/**
 * The knowledge base's search index (design §Knowledge base, issue 11): one object in a private
 * bucket, rebuilt by a function on the table's stream whenever an article is published or
 * withdrawn (or a published one revised), and read by the search route once per cold start.
 */
export class KnowledgeBase extends Construct {
  public readonly indexBucket: s3.Bucket;
  public readonly indexFunction: SupportFunction;
  public readonly indexDeadLetterQueue: sqs.Queue;

  constructor(scope: Construct, id: string, props: KnowledgeBaseProps) {
    super(scope, id);
    this.indexBucket = new s3.Bucket(this, 'Index', {
      encryption: s3.BucketEncryption.S3_MANAGED,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      lifecycleRules: [{ abortIncompleteMultipartUploadAfter: Duration.days(1) }],
    });
    Validations.of(this.indexBucket).acknowledge({
      id: 'AwsSolutions-S1',
      reason: 'The bucket holds one derived object, the search index, rebuilt from the table at any time; only two functions of this stack touch it, and their own logs record each rebuild.',
    });

    this.indexFunction = new SupportFunction(this, 'IndexBuilder', {
      entry: join(PROJECT_ROOT, 'functions', 'handlers', 'kb-index.ts'),
      description: 'Knowledge base: rebuilds the search index when an article is published or withdrawn',
      environment: { TABLE_NAME: props.tickets.table.tableName, KB_INDEX_BUCKET: this.indexBucket.bucketName },
      memorySize: 1024,
      timeout: Duration.minutes(1),
    });
    props.tickets.grantTicketRead(this.indexFunction); // every article, on GSI4
    this.indexFunction.role.addToPrincipalPolicy(new iam.PolicyStatement({
      actions: ['s3:GetObject', 's3:PutObject'], resources: [this.indexBucket.arnForObjects(ARTICLE_INDEX_KEY)],
    }));
    this.grantFindIndex(this.indexFunction);

    this.indexDeadLetterQueue = deadLetterQueue(this, 'IndexDeadLetterQueue', 'the knowledge base index stream mapping (Lambda on-failure destination)');
    this.indexFunction.function.addEventSource(new DynamoEventSource(props.tickets.table, {
      startingPosition: lambda.StartingPosition.TRIM_HORIZON,
      batchSize: 100,
      // Several publishes within a few seconds make one rebuild.
      maxBatchingWindow: Duration.seconds(5),
      // Only article items now published or withdrawn: drafts, versions, counters and tickets never wake it.
      filters: [lambda.FilterCriteria.filter({
        eventName: lambda.FilterRule.or('INSERT', 'MODIFY'),
        dynamodb: { NewImage: { entity: { S: lambda.FilterRule.isEqual('article') }, status: { S: lambda.FilterRule.or('published', 'withdrawn') } } },
      })],
      retryAttempts: 10,
      bisectBatchOnError: true,
      parallelizationFactor: 1,
      onFailure: new SqsDlq(this.indexDeadLetterQueue),
    }));
    Validations.of(this.indexFunction.role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason: 'dynamodb:ListStreams, which Lambda\'s stream event source mapping needs, has no resource type (it only takes "*"); the stream reads themselves are on this table\'s stream ARN.',
    });
  }

  /** Lets a search function read the index object, and tells it where it is. */
  public grantIndexRead(fn: SupportFunction): void {
    fn.function.addEnvironment('KB_INDEX_BUCKET', this.indexBucket.bucketName);
    fn.role.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['s3:GetObject'], resources: [this.indexBucket.arnForObjects(ARTICLE_INDEX_KEY)] }));
    this.grantFindIndex(fn);
  }

  /**
   * Without s3:ListBucket, S3 answers a GetObject of a missing key 403 rather than 404, and "no
   * index built yet" (a new stack) would look like a failure: listing is allowed for the index's key only.
   */
  private grantFindIndex(fn: SupportFunction): void {
    fn.role.addToPrincipalPolicy(new iam.PolicyStatement({
      actions: ['s3:ListBucket'], resources: [this.indexBucket.bucketArn], conditions: { StringEquals: { 's3:prefix': ARTICLE_INDEX_KEY } },
    }));
  }
}
