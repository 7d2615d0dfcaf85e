import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { ROUTES } from '../functions/handlers/http/routes.js';
import { SupportApi } from './support-api.js';
import { SupportIdentity } from './support-identity.js';
import { TicketTable } from './ticket-table.js';

/** The whole support desk; it only composes the constructs, one per concern. */
export class SupportDeskStack extends Stack {
  public readonly tickets: TicketTable;
  public readonly identity: SupportIdentity;
  public readonly api: SupportApi;

  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);
    this.tickets = new TicketTable(this, 'Tickets');
    this.identity = new SupportIdentity(this, 'Identity');
    this.api = new SupportApi(this, 'Api', { routes: ROUTES, tickets: this.tickets, identity: this.identity });

    new CfnOutput(this, 'TableName', { value: this.tickets.table.tableName });
    new CfnOutput(this, 'ApiUrl', { value: this.api.url });
    new CfnOutput(this, 'UserPoolId', { value: this.identity.userPool.userPoolId });
    new CfnOutput(this, 'UserPoolClientId', { value: this.identity.userPoolClient.userPoolClientId });
  }
}
