import { RemovalPolicy } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { tableDefinition as definition } from '../functions/adapters/table-definition.js';

// What the stores (functions/adapters/dynamo-*-store.ts) may call. A TransactWriteItems call is
// authorised per operation it contains (Put, Update, Delete, ConditionCheck), so it needs no
// action of its own. grantReadWriteData would add Scan, the batch calls and DescribeTable.
const READ_ACTIONS = ['dynamodb:GetItem', 'dynamodb:Query'];
const WRITE_ACTIONS = ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:ConditionCheckItem'];

/** The single DynamoDB table: tickets, their events, organisations, contacts. */
export class TicketTable extends Construct {
  public readonly table: dynamodb.Table;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    const key = (name: string): dynamodb.Attribute => ({ name, type: dynamodb.AttributeType.STRING });

    // Table rather than TableV2: cdk-nag's DynamoDB rules (DDB3, PITR) inspect only
    // AWS::DynamoDB::Table, and its shape is the CreateTable shape DynamoDB Local gets.
    this.table = new dynamodb.Table(this, 'Table', {
      partitionKey: key(definition.partitionKey),
      sortKey: key(definition.sortKey),
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      encryption: dynamodb.TableEncryption.AWS_MANAGED,
      stream: dynamodb.StreamViewType[definition.streamViewType],
      timeToLiveAttribute: definition.timeToLiveAttribute,
      // Tickets and their history are the business record: a stack deletion must not take them.
      removalPolicy: RemovalPolicy.RETAIN,
    });

    for (const index of definition.globalSecondaryIndexes) {
      this.table.addGlobalSecondaryIndex({
        indexName: index.indexName,
        partitionKey: key(index.partitionKey),
        sortKey: key(index.sortKey),
        projectionType: dynamodb.ProjectionType.ALL,
      });
    }
  }

  /** Lets `grantee` get items and query the table and its indexes, nothing else. */
  public grantTicketRead(grantee: iam.IGrantable): iam.Grant {
    // Each index by name rather than `index/*`: no wildcard to acknowledge (AwsSolutions-IAM5),
    // and an index added later is granted by the same definition that creates it.
    const indexArns = definition.globalSecondaryIndexes.map((i) => `${this.table.tableArn}/index/${i.indexName}`);
    return iam.Grant.addToPrincipal({ grantee, actions: READ_ACTIONS, resourceArns: [this.table.tableArn, ...indexArns] });
  }

  /** Reads as grantTicketRead, plus putting, updating, deleting and condition-checking items of the table. */
  public grantTicketWrite(grantee: iam.IGrantable): iam.Grant {
    // Writes go to the table only: an index is never written to directly.
    const write = iam.Grant.addToPrincipal({ grantee, actions: WRITE_ACTIONS, resourceArns: [this.table.tableArn] });
    return this.grantTicketRead(grantee).combine(write);
  }
}
