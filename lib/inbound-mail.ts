import { Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as ses from 'aws-cdk-lib/aws-ses';
import * as sesActions from 'aws-cdk-lib/aws-ses-actions';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { asyncFailureQueue } from './dead-letter-queue.js';
import { SupportFunction } from './support-function.js';
import type { TicketTable } from './ticket-table.js';

export type InboundMailProps = {
  readonly tickets: TicketTable;
  /** The domain replies come back to (`support+T-1042@…`); its MX must point at SES receiving. */
  readonly mailDomain: string;
  /** The inbound handler's file (functions/handlers/inbound-mail.ts). */
  readonly handlerEntry: string;
};

/** Where SES writes each raw message (MIME), and where the handler writes the attachments it keeps. */
export const INBOUND_PREFIX = 'inbound/';
export const ATTACHMENTS_PREFIX = 'attachments/';

/**
 * Email in (design §4): a receipt rule for the support domain scans each message, stores its raw
 * MIME in S3, then invokes the inbound-mail function asynchronously with SES's verdicts.
 *
 * OPERATORS: CloudFormation creates the receipt rule set but cannot make it the active one, and an
 * account has one active set per region. After the first deploy, activate it by hand:
 *   aws ses set-active-receipt-rule-set --rule-set-name <InboundRuleSetName output>
 * (this replaces the set active before, whose rules stop applying). SES receives mail only in the
 * regions that offer receiving, and only once the domain's MX record points at
 * inbound-smtp.<region>.amazonaws.com.
 */
export class InboundMail extends Construct {
  /** Raw messages (`inbound/`) and kept attachments (`attachments/`). */
  public readonly bucket: s3.Bucket;
  /** The mail bucket's server access logs. */
  public readonly accessLogBucket: s3.Bucket;
  public readonly ruleSet: ses.ReceiptRuleSet;
  public readonly rule: ses.ReceiptRule;
  public readonly inboundFunction: SupportFunction;
  /** Messages the handler failed on after Lambda's retries (the raw MIME stays under inbound/). */
  public readonly inboundFailureQueue: sqs.Queue;

  constructor(scope: Construct, id: string, props: InboundMailProps) {
    super(scope, id);

    this.accessLogBucket = new s3.Bucket(this, 'AccessLogs', {
      encryption: s3.BucketEncryption.S3_MANAGED, // server access logging cannot write to a KMS-encrypted bucket
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      lifecycleRules: [{ expiration: Duration.days(365) }],
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(this.accessLogBucket).acknowledge({
      id: 'AwsSolutions-S1',
      reason: 'This bucket receives the mail bucket\'s server access logs; logging it to itself would loop and another log bucket would only move the question.',
    });

    // Customers' mail and attachments are the ticket record: versioned, kept after a stack deletion.
    this.bucket = new s3.Bucket(this, 'Mail', {
      encryption: s3.BucketEncryption.S3_MANAGED, // SES writes to it without a KMS grant
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      versioned: true,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      serverAccessLogsBucket: this.accessLogBucket,
      serverAccessLogsPrefix: 'mail/',
      lifecycleRules: [
        // A raw message is parsed once; after a year it is only evidence, and the ticket has its text.
        { prefix: INBOUND_PREFIX, transitions: [{ storageClass: s3.StorageClass.INFREQUENT_ACCESS, transitionAfter: Duration.days(30) }] },
        { noncurrentVersionExpiration: Duration.days(90) },
        // Objects the handler stored for a message it then did not write (a duplicate, a failure) are
        // tagged orphan=true (functions/adapters/object-store.ts) and expire; stored messages' objects never carry it.
        { id: 'ExpireOrphanedAttachments', prefix: ATTACHMENTS_PREFIX, tagFilters: { orphan: 'true' }, expiration: Duration.days(7) },
        { abortIncompleteMultipartUploadAfter: Duration.days(7) },
      ],
      removalPolicy: RemovalPolicy.RETAIN,
    });

    this.inboundFunction = new SupportFunction(this, 'InboundMail', {
      entry: props.handlerEntry,
      description: 'Inbound mail: a reply or a new request into its ticket',
      memorySize: 1024, // postal-mime holds the whole message and its attachments
      timeout: Duration.seconds(60),
      environment: {
        TABLE_NAME: props.tickets.table.tableName,
        // One bucket, two prefixes: raw MIME (SES's S3 action) and the attachments the handler keeps.
        INBOUND_MAIL_BUCKET: this.bucket.bucketName,
        INBOUND_MAIL_PREFIX: INBOUND_PREFIX,
        ATTACHMENT_BUCKET: this.bucket.bucketName,
        MAIL_DOMAINS: props.mailDomain,
      },
    });
    this.inboundFailureQueue = asyncFailureQueue(this, 'InboundFailureQueue', this.inboundFunction, 'the inbound mail handler');
    props.tickets.grantTicketWrite(this.inboundFunction);
    // The thread's inbound markers are read in one BatchGetItem (issue 12: a bounded, batched lookup)
    this.inboundFunction.role.addToPrincipalPolicy(new iam.PolicyStatement({ actions: ['dynamodb:BatchGetItem'], resources: [props.tickets.table.tableArn] }));
    // Object actions only, each on its prefix: grantRead/grantPut would add s3:List* and s3:GetBucket*.
    this.inboundFunction.role.addToPrincipalPolicy(new iam.PolicyStatement({
      actions: ['s3:GetObject'], resources: [this.bucket.arnForObjects(`${INBOUND_PREFIX}*`)],
    }));
    this.inboundFunction.role.addToPrincipalPolicy(new iam.PolicyStatement({
      actions: ['s3:PutObject', 's3:PutObjectTagging'], resources: [this.bucket.arnForObjects(`${ATTACHMENTS_PREFIX}*`)], // tagging: orphans
    }));
    // As cdk-nag renders arnForObjects: the bucket's logical id, computed rather than copied from a template.
    const bucketId = Stack.of(this).getLogicalId(this.bucket.node.defaultChild as s3.CfnBucket);
    for (const [prefix, why] of [
      [INBOUND_PREFIX, 'it reads the raw message SES stored, under a key SES chose (its message id)'],
      [ATTACHMENTS_PREFIX, 'it writes attachments under attachments/<ticket>/<message>/<file>, keys known only at run time'],
    ] as const) {
      Validations.of(this.inboundFunction.role).acknowledge({
        id: `AwsSolutions-IAM5[Resource::<${bucketId}.Arn>/${prefix}*]`,
        reason: `Object keys under ${prefix} cannot be listed in advance: ${why}; the wildcard is confined to that prefix of the mail bucket.`,
      });
    }

    this.ruleSet = new ses.ReceiptRuleSet(this, 'RuleSet');
    this.rule = this.ruleSet.addRule('Support', {
      recipients: [props.mailDomain],
      scanEnabled: true, // spam and virus verdicts for the handler, which drops what fails
      tlsPolicy: ses.TlsPolicy.REQUIRE,
      actions: [
        // The S3 action adds the bucket policy letting SES put objects under the prefix (aws:SourceAccount).
        new sesActions.S3({ bucket: this.bucket, objectKeyPrefix: INBOUND_PREFIX }),
        // Event: SES does not wait for the handler; Lambda retries it, and its errors are alarmed.
        new sesActions.Lambda({ function: this.inboundFunction.function, invocationType: sesActions.LambdaInvocationType.EVENT }),
      ],
    });
  }
}
