import { readFileSync } from 'node:fs';
import { App, Stack, Validations } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { beforeAll, describe, expect, it } from 'vitest';
import { toCreateTableInput } from '../../functions/adapters/table-definition.js';
import { SupportDeskStack } from '../../lib/support-desk-stack.js';

// `cdk synth` applies cdk.json's feature flags; a bare `new App()` would not, and the
// tests would check a different template from the one that gets deployed.
const cdkJson = JSON.parse(readFileSync(new URL('../../cdk.json', import.meta.url), 'utf8')) as {
  context: Record<string, unknown>;
};
const newApp = () => new App({ context: cdkJson.context });

/** Unacknowledged AwsSolutions findings (errors and warnings) as `rule at path` lines. */
const nagFindings = (scope: IConstruct): string[] =>
  new AwsSolutionsChecks().validateScope(scope).violations.flatMap((v) =>
    v.violatingResources.map((r) => `${v.ruleName} (${v.severity}) at ${r.constructPath}`),
  );

const sortBy = <T>(items: T[], key: (item: T) => string): T[] =>
  [...items].sort((a, b) => key(a).localeCompare(key(b)));

let stack: SupportDeskStack;
let template: Template;

beforeAll(() => {
  stack = new SupportDeskStack(newApp(), 'SupportDesk-test');
  template = Template.fromStack(stack);
});

describe('TicketTable', () => {
  it('has string keys PK/SK and the four GSIs, each projecting ALL, and a TTL attribute', () => {
    const keys = (pk: string, sk: string) => [
      { AttributeName: pk, KeyType: 'HASH' },
      { AttributeName: sk, KeyType: 'RANGE' },
    ];
    const gsi = (n: number) => ({
      IndexName: `GSI${n}`,
      KeySchema: keys(`GSI${n}PK`, `GSI${n}SK`),
      Projection: { ProjectionType: 'ALL' },
    });
    template.resourceCountIs('AWS::DynamoDB::Table', 1);
    template.hasResourceProperties('AWS::DynamoDB::Table', Match.objectLike({
      KeySchema: keys('PK', 'SK'),
      GlobalSecondaryIndexes: [gsi(1), gsi(2), gsi(3), gsi(4)],
      BillingMode: 'PAY_PER_REQUEST',
      TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
    }));
  });

  it('has point-in-time recovery, encryption at rest and a NEW_IMAGE stream', () => {
    template.hasResourceProperties('AWS::DynamoDB::Table', Match.objectLike({
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      SSESpecification: { SSEEnabled: true },
      StreamSpecification: { StreamViewType: 'NEW_IMAGE' },
    }));
  });

  it('is retained when the stack is deleted or the table replaced', () => {
    template.hasResource('AWS::DynamoDB::Table', { DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
  });

  it('declares the same keys and indexes as toCreateTableInput (one schema for AWS and DynamoDB Local)', () => {
    const tables = Object.values(template.findResources('AWS::DynamoDB::Table'));
    expect(tables).toHaveLength(1);
    const declared = tables[0]?.Properties;
    const local = toCreateTableInput('tickets');

    expect(sortBy(declared.AttributeDefinitions, (a: { AttributeName: string }) => a.AttributeName))
      .toEqual(sortBy(local.AttributeDefinitions, (a) => a.AttributeName));
    expect(declared.KeySchema).toEqual(local.KeySchema);
    expect(declared.GlobalSecondaryIndexes).toEqual(local.GlobalSecondaryIndexes);
    expect(declared.BillingMode).toBe(local.BillingMode);
    expect(declared.StreamSpecification).toEqual({ StreamViewType: local.StreamSpecification.StreamViewType });
  });
});

describe('SupportApi', () => {
  it('is an HTTP API without CORS', () => {
    template.resourceCountIs('AWS::ApiGatewayV2::Api', 1);
    template.hasResourceProperties('AWS::ApiGatewayV2::Api', Match.objectLike({
      ProtocolType: 'HTTP',
      CorsConfiguration: Match.absent(),
    }));
  });

  it('logs every request of the auto-deployed $default stage as JSON to CloudWatch', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Stage', Match.objectLike({
      StageName: '$default',
      AutoDeploy: true,
      AccessLogSettings: {
        DestinationArn: { 'Fn::GetAtt': [Match.anyValue(), 'Arn'] },
        Format: Match.serializedJson(Match.objectLike({ requestId: '$context.requestId' })),
      },
    }));
    template.hasResourceProperties('AWS::Logs::LogGroup', Match.objectLike({ RetentionInDays: 365 }));
  });
});

describe('SupportDeskStack', () => {
  it('outputs the table name and the API URL', () => {
    template.hasOutput('TableName', { Value: { Ref: Match.anyValue() } });
    template.hasOutput('ApiUrl', { Value: Match.objectLike({ 'Fn::Join': Match.anyValue() }) });
  });
});

describe('cdk-nag AwsSolutions', () => {
  it('reports no unacknowledged errors or warnings on the stack', () => {
    expect(nagFindings(stack)).toEqual([]);
  });

  it('does report a finding when there is one, and not once it is acknowledged', () => {
    // Guards the check above against passing vacuously (e.g. rules that never match).
    const bare = new Stack(newApp(), 'Bare');
    const table = new dynamodb.Table(bare, 'NoPitr', {
      partitionKey: { name: 'PK', type: dynamodb.AttributeType.STRING },
    });
    expect(nagFindings(bare)).toEqual(['AwsSolutions-DDB3 (warning) at Bare/NoPitr/Resource']);

    Validations.of(table).acknowledge({ id: 'AwsSolutions-DDB3', reason: 'test: an acknowledged finding' });
    expect(nagFindings(bare)).toEqual([]);
  });

  // Registered as bin/app.ts does, a finding (even a warning) fails the synth.
  const appWithChecks = () => {
    const app = newApp();
    Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
    return app;
  };

  it('lets the stack synthesize when registered as in bin/app.ts', () => {
    const app = appWithChecks();
    new SupportDeskStack(app, 'SupportDesk-test');
    expect(() => app.synth()).not.toThrow();
  });

  it('fails the synth of an app with a finding', () => {
    const app = appWithChecks();
    new dynamodb.Table(new Stack(app, 'Bare'), 'NoPitr', {
      partitionKey: { name: 'PK', type: dynamodb.AttributeType.STRING },
    });
    expect(() => app.synth()).toThrow(/AwsSolutions-DDB3/);
  });
});
