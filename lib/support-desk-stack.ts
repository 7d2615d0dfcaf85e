import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import type { Construct } from 'constructs';
import { SupportApi } from './support-api.js';
import { TicketTable } from './ticket-table.js';

/** The whole support desk; it only composes the constructs, one per concern. */
export class SupportDeskStack extends Stack {
  public readonly tickets: TicketTable;
  public readonly api: SupportApi;

  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);
    this.tickets = new TicketTable(this, 'Tickets');
    this.api = new SupportApi(this, 'Api');

    new CfnOutput(this, 'TableName', { value: this.tickets.table.tableName });
    new CfnOutput(this, 'ApiUrl', { value: this.api.url });
  }
}
