import { RemovalPolicy } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import { Construct } from 'constructs';
import { tableDefinition as definition } from '../functions/adapters/table-definition.js';

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
}
