import { Match, Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROUTES } from '../../functions/handlers/http/routes.js';
import { apiFunctionGroups } from '../../lib/api-layout.js';
import { SupportDeskStack } from '../../lib/support-desk-stack.js';
import { actionsOfFunction, newApp, routeFunction, statementsOfFunction, SYNTH_TIMEOUT_MS, theResource } from './cdk-app.js';

const keyOf = (route: { method: string; path: string }) => `${route.method} ${route.path}`;
const routesWith = (table: 'none' | 'read' | 'write') => ROUTES.filter((r) => r.table === table).map(keyOf);

const LOG_ACTIONS = ['logs:CreateLogStream', 'logs:PutLogEvents'];
/** The attachment routes' object actions (SupportApi.grantAttachments), each on its prefix of the mail bucket. */
const S3_ACCESS: Record<string, Record<string, string>> = {
  'POST /uploads': { 's3:PutObject': 'uploads/*' },
  'POST /tickets': { 's3:GetObject': 'uploads/*', 's3:PutObject': 'attachments/api/*' },
  'POST /tickets/{id}/messages': { 's3:GetObject': 'uploads/*', 's3:PutObject': 'attachments/api/*' },
  'GET /tickets/{id}/attachments/{attachmentId}': { 's3:GetObject': 'attachments/*' },
};
/** The object actions of a route's function: those of every route it serves (routes share functions). */
const s3ActionsOf = (routeKey: string) => {
  const fnId = routeFunction(template, routeKey)[0];
  return [...new Set(ROUTES.map(keyOf).filter((k) => routeFunction(template, k)[0] === fnId).flatMap((k) => Object.keys(S3_ACCESS[k] ?? {})))];
};
const READ_ACTIONS = ['dynamodb:GetItem', 'dynamodb:Query'];
// Sorted, as actionsOfFunction returns them.
const WRITE_ACTIONS = ['dynamodb:ConditionCheckItem', 'dynamodb:DeleteItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem'];

let template: Template;
let tableId: string;

beforeAll(() => {
  template = Template.fromStack(new SupportDeskStack(newApp({ bundle: false }), 'SupportDesk-test'));
  tableId = Object.keys(template.findResources('AWS::DynamoDB::Table'))[0]!;
}, SYNTH_TIMEOUT_MS);

describe('SupportApi', () => {
  // Changed contract (issue 13): the portal calls the API on its own origin (/api, Portal.serveApi),
  // so the API answers no CORS; naming the distribution there would be a cycle, as it names the API.
  it('is an HTTP API without CORS: the portal calls it on its own origin; the bucket answers the portal\'s origin', () => {
    template.resourceCountIs('AWS::ApiGatewayV2::Api', 1);
    template.hasResourceProperties('AWS::ApiGatewayV2::Api', Match.objectLike({ ProtocolType: 'HTTP', CorsConfiguration: Match.absent() }));
    template.hasResourceProperties('AWS::S3::Bucket', Match.objectLike({
      CorsConfiguration: { CorsRules: [Match.objectLike({
        AllowedOrigins: [{ 'Fn::Join': ['', ['https://', { 'Fn::GetAtt': [Match.stringLikeRegexp('^PortalDistribution'), 'DomainName'] }]] }],
      })] },
    }));
  });

  it('logs every request of the auto-deployed $default stage as JSON to a log group kept a year', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Stage', Match.objectLike({
      StageName: '$default',
      AutoDeploy: true,
      AccessLogSettings: {
        DestinationArn: { 'Fn::GetAtt': [Match.anyValue(), 'Arn'] },
        Format: Match.serializedJson(Match.objectLike({ requestId: '$context.requestId' })),
      },
    }));
    const [, stage] = theResource(template, 'AWS::ApiGatewayV2::Stage', { StageName: '$default' });
    const logGroupId = stage.Properties.AccessLogSettings.DestinationArn['Fn::GetAtt'][0] as string;
    expect(template.findResources('AWS::Logs::LogGroup')[logGroupId]?.Properties.RetentionInDays).toBe(365);
  });

  it('throttles every route of the stage by default', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Stage', Match.objectLike({
      DefaultRouteSettings: { ThrottlingRateLimit: 50, ThrottlingBurstLimit: 100 },
    }));
  });

  it('accepts the ID tokens the user pool issues to the portal client (issuer and audience)', () => {
    const poolId = Object.keys(template.findResources('AWS::Cognito::UserPool'))[0];
    const clientId = Object.keys(template.findResources('AWS::Cognito::UserPoolClient'))[0];
    template.resourceCountIs('AWS::ApiGatewayV2::Authorizer', 1);
    template.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      ApiId: Match.anyValue(),
      Name: Match.anyValue(),
      AuthorizerType: 'JWT',
      IdentitySource: ['$request.header.Authorization'],
      JwtConfiguration: {
        Audience: [{ Ref: clientId }],
        Issuer: { 'Fn::Join': ['', ['https://cognito-idp.', { Ref: 'AWS::Region' }, '.', { Ref: 'AWS::URLSuffix' }, '/', { Ref: poolId }]] },
      },
    });
  });
});

describe('SupportApi routes (functions/handlers/http/routes.ts)', () => {
  it('has exactly the routes of ROUTES, served by the functions of the layout (lib/api-layout.ts)', () => {
    const routeKeys = Object.values(template.findResources('AWS::ApiGatewayV2::Route')).map((r) => r.Properties.RouteKey);
    expect(routeKeys.filter((k) => k !== '$default').sort()).toEqual(ROUTES.map(keyOf).sort());
    const apiFunctions = new Set(ROUTES.map((r) => routeFunction(template, keyOf(r))[0]));
    expect(apiFunctions.size).toBe(apiFunctionGroups(ROUTES).length);
  });

  it.each(apiFunctionGroups(ROUTES).map((g) => [g.name, g] as const))('%s serves exactly its group\'s routes, built from its entry file', (name, group) => {
    const fnIds = new Set(group.routes.map((r) => routeFunction(template, keyOf(r))[0]));
    expect(fnIds.size).toBe(1);
    const [fnId] = [...fnIds];
    const served = ROUTES.filter((r) => routeFunction(template, keyOf(r))[0] === fnId).map((r) => r.entry);
    expect(served.sort()).toEqual(group.routes.map((r) => r.entry).sort());
    expect(fnId).toContain(name);
    expect(routeFunction(template, keyOf(group.routes[0]!))[1].Properties.Description).toBe(`${name}: ${group.routes.length} routes of the HTTP API (lib/api-layout.ts)`);
  });

  it.each(ROUTES.map(keyOf))('%s: its function runs nodejs24.x on arm64, 512 MB, 10 s, ESM handler with source maps', (routeKey) => {
    const [, fn] = routeFunction(template, routeKey);
    expect(fn.Properties).toMatchObject({
      Runtime: 'nodejs24.x',
      Architectures: ['arm64'],
      MemorySize: 512,
      Timeout: 10,
      Handler: 'index.handler',
      Environment: { Variables: expect.objectContaining({ NODE_OPTIONS: '--enable-source-maps' }) },
      LoggingConfig: { LogGroup: { Ref: expect.any(String) } },
    });
  });

  it.each(ROUTES.map((r) => [keyOf(r), r.auth] as const))('%s: routed to its function, JWT-authorized: %s', (routeKey, auth) => {
    const [fnId] = routeFunction(template, routeKey);
    const [integrationId] = theResource(template, 'AWS::ApiGatewayV2::Integration', {
      IntegrationUri: { 'Fn::GetAtt': [fnId, 'Arn'] },
    });
    const authorizerId = Object.keys(template.findResources('AWS::ApiGatewayV2::Authorizer'))[0];
    template.hasResourceProperties('AWS::ApiGatewayV2::Route', {
      ApiId: Match.anyValue(),
      RouteKey: routeKey,
      Target: { 'Fn::Join': ['', ['integrations/', { Ref: integrationId }]] },
      AuthorizationType: auth ? 'JWT' : 'NONE',
      AuthorizerId: auth ? { Ref: authorizerId } : Match.absent(),
    });
  });

  it('leaves only GET /openapi.json and GET /uploads/limits public, besides the knowledge base routes open to anonymous readers (tokenOptional)', () => {
    expect(ROUTES.filter((r) => !r.auth && !r.tokenOptional).map(keyOf)).toEqual(['GET /openapi.json', 'GET /uploads/limits']);
    expect(ROUTES.filter((r) => !r.auth && r.tokenOptional).map(keyOf)).toEqual(['GET /articles', 'GET /articles/{id}', 'POST /articles/{id}/feedback']);
  });

  it('$default: a public route to a function with no table and no bucket, answering unknown routes 404 and wrong methods 405', () => {
    const [fnId, fn] = theResource(template, 'AWS::Lambda::Function', { Description: '$default: unknown routes 404, wrong methods 405 (problem+json)' });
    const [integrationId] = theResource(template, 'AWS::ApiGatewayV2::Integration', { IntegrationUri: { 'Fn::GetAtt': [fnId, 'Arn'] } });
    template.hasResourceProperties('AWS::ApiGatewayV2::Route', {
      RouteKey: '$default', AuthorizationType: 'NONE', Target: { 'Fn::Join': ['', ['integrations/', { Ref: integrationId }]] },
    });
    expect(actionsOfFunction(template, fnId)).toEqual(LOG_ACTIONS);
    expect(fn.Properties.Environment.Variables.TABLE_NAME).toBeUndefined();
  });

  it.each(ROUTES.map((r) => [keyOf(r), r.table] as const))('%s: TABLE_NAME is set when its function touches the table (%s)', (routeKey, table) => {
    const [, fn] = routeFunction(template, routeKey);
    const variables = fn.Properties.Environment.Variables as Record<string, unknown>;
    if (table !== 'none') expect(variables.TABLE_NAME).toEqual({ Ref: tableId });
  });
});

describe('SupportApi attachments (grantAttachments on the mail bucket)', () => {
  // Routes share functions (lib/api-layout.ts): a function holds the object grants of every route it serves.
  const servedBy = (fnId: string) => ROUTES.map(keyOf).filter((k) => routeFunction(template, k)[0] === fnId);
  const expectedPairs = (fnId: string) => [...new Set(servedBy(fnId).flatMap((k) => Object.entries(S3_ACCESS[k] ?? {}).map(([a, p]) => `${a} ${p}`)))].sort();
  const grantedPairs = (fnId: string) => [...new Set(statementsOfFunction(template, fnId).flatMap((st) =>
    [st.Action].flat().filter((a) => a.startsWith('s3:')).flatMap((a) => [st.Resource].flat().map((r) => `${a} ${/\/([^"]*)"\]\]\}$/.exec(JSON.stringify(r))?.[1] ?? JSON.stringify(r)}`))))]
    .filter((pair) => / (uploads|attachments)\//.test(pair)).sort(); // the mail bucket's prefixes (the search index is the knowledge base's)

  it.each(Object.keys(S3_ACCESS))('%s: its function holds each object action on its prefix only, and ATTACHMENT_BUCKET', (routeKey) => {
    const [fnId, fn] = routeFunction(template, routeKey);
    expect(grantedPairs(fnId)).toEqual(expectedPairs(fnId));
    for (const [action, prefix] of Object.entries(S3_ACCESS[routeKey]!)) expect(grantedPairs(fnId)).toContain(`${action} ${prefix}`);
    expect(fn.Properties.Environment.Variables.ATTACHMENT_BUCKET).toEqual({ Ref: expect.any(String) });
  });

  it('a function serving no attachment route is not given the bucket', () => {
    for (const route of ROUTES) {
      const [fnId, fn] = routeFunction(template, keyOf(route));
      if (expectedPairs(fnId).length > 0) continue;
      const index = routeFunction(template, 'GET /articles')[0] === fnId ? ['s3:GetObject', 's3:ListBucket'] : []; // the search index's bucket
      expect(actionsOfFunction(template, fnId).filter((a) => a.startsWith('s3:')), keyOf(route)).toEqual(index);
      expect(fn.Properties.Environment.Variables.ATTACHMENT_BUCKET, keyOf(route)).toBeUndefined();
    }
  });
  it('an upload never attached expires after a day (lifecycle rule on uploads/)', () => {
    template.hasResourceProperties('AWS::S3::Bucket', Match.objectLike({
      LifecycleConfiguration: { Rules: Match.arrayWith([Match.objectLike({ Id: 'UnattachedUploads', Prefix: 'uploads/', ExpirationInDays: 1, Status: 'Enabled' })]) },
    }));
  });

  it('without allowed origins, neither the API nor the bucket answers CORS', () => {
    template.hasResourceProperties('AWS::S3::Bucket', Match.objectLike({ LifecycleConfiguration: Match.anyValue(), CorsConfiguration: Match.absent() }));
  });
});

describe('SupportApi least privilege: each function holds the grants of its routes, no more', () => {
  const onTableAndIndexes = () => [
    { 'Fn::GetAtt': [tableId, 'Arn'] },
    ...['GSI1', 'GSI2', 'GSI3', 'GSI4'].map((gsi) => ({ 'Fn::Join': ['', [{ 'Fn::GetAtt': [tableId, 'Arn'] }, `/index/${gsi}`]] })),
  ];

  const servesWith = (fnId: string, table: 'write' | 'read' | 'none') => ROUTES.some((r) => r.table === table && routeFunction(template, keyOf(r))[0] === fnId);
  // The function serving GET /articles reads the search index object (test/cdk/kb-knowledge-base.test.ts).
  const indexActions = (fnId: string) => (routeFunction(template, 'GET /articles')[0] === fnId ? ['s3:GetObject', 's3:ListBucket'] : []);

  it.each([...routesWith('read'), ...routesWith('none')])('%s (read or none): GetItem and Query on the table and its indexes; no PutItem unless its function serves a writer', (routeKey) => {
    const [fnId] = routeFunction(template, routeKey);
    const writes = servesWith(fnId, 'write'); // only the knowledge base's token-optional function (lib/api-layout.ts)
    if (writes) expect(ROUTES.filter((r) => routeFunction(template, keyOf(r))[0] === fnId).every((r) => r.tokenOptional)).toBe(true);
    const table = writes ? [...READ_ACTIONS, ...WRITE_ACTIONS] : servesWith(fnId, 'read') ? READ_ACTIONS : [];
    expect(actionsOfFunction(template, fnId)).toEqual([...new Set([...LOG_ACTIONS, ...table, ...s3ActionsOf(routeKey), ...indexActions(fnId)])].sort());
    if (!writes) expect(actionsOfFunction(template, fnId)).not.toContain('dynamodb:PutItem');
    if (table.length > 0) expect(statementsOfFunction(template, fnId)).toContainEqual({ Effect: 'Allow', Action: READ_ACTIONS, Resource: onTableAndIndexes() });
  });

  it.each(routesWith('write'))('%s (write): exactly the read and write sets, writes on the table only; no Scan', (routeKey) => {
    const [fnId] = routeFunction(template, routeKey);
    const actions = actionsOfFunction(template, fnId);
    expect(actions).toEqual([...LOG_ACTIONS, ...READ_ACTIONS, ...WRITE_ACTIONS, ...s3ActionsOf(routeKey), ...indexActions(fnId)].sort());
    expect(actions).not.toContain('dynamodb:Scan');
    expect(statementsOfFunction(template, fnId)).toContainEqual({ Effect: 'Allow', Action: READ_ACTIONS, Resource: onTableAndIndexes() });
    const onTableOnly = statementsOfFunction(template, fnId)
      .filter((st) => JSON.stringify(st.Resource) === JSON.stringify({ 'Fn::GetAtt': [tableId, 'Arn'] }));
    expect(onTableOnly.flatMap((st) => [st.Action].flat()).sort()).toEqual(WRITE_ACTIONS);
  });

  it('the OpenAPI document has a function of its own, without the table (lib/api-layout.ts)', () => {
    const [fnId, fn] = routeFunction(template, 'GET /openapi.json');
    expect(ROUTES.filter((r) => routeFunction(template, keyOf(r))[0] === fnId).map((r) => r.entry)).toEqual(['get-openapi']);
    expect(actionsOfFunction(template, fnId)).toEqual([...LOG_ACTIONS].sort());
    expect(fn.Properties.Environment.Variables.TABLE_NAME).toBeUndefined();
  });

  it.each(ROUTES.map(keyOf))('%s: its role has no managed policy and writes logs to its own log group only', (routeKey) => {
    const [fnId, fn] = routeFunction(template, routeKey);
    const roleId = fn.Properties.Role['Fn::GetAtt'][0] as string;
    expect(template.findResources('AWS::IAM::Role')[roleId]?.Properties.ManagedPolicyArns).toBeUndefined();
    const logGroupId = fn.Properties.LoggingConfig.LogGroup.Ref as string;
    expect(statementsOfFunction(template, fnId).filter((s) => [s.Action].flat().some((a) => a.startsWith('logs:')))).toEqual([
      { Effect: 'Allow', Action: LOG_ACTIONS, Resource: { 'Fn::GetAtt': [logGroupId, 'Arn'] } },
    ]);
    expect(template.findResources('AWS::Logs::LogGroup')[logGroupId]?.Properties.RetentionInDays).toBe(365);
  });
});
