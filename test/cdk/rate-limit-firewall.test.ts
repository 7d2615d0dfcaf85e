// Rate limits per client as well as the global ones (issue 13, item 4). WAF cannot be associated
// with an HTTP API, so: per-route throttles on the API's stage (everyone together); the API served
// by the portal's CloudFront distribution at /api behind a CLOUDFRONT web ACL (us-east-1) with
// per-client rate rules; and a web ACL on the user pool. On by default in prod, by context elsewhere.
import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as wafv2 from 'aws-cdk-lib/aws-wafv2';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ORIGIN_VERIFY_HEADER, ROUTES } from '../../functions/handlers/http/routes.js';
import { apiFunctionGroups } from '../../lib/api-layout.js';
import { DEFAULT_RATE_LIMITS, RateLimitFirewall, readApiRateLimits, readFirewallEnabled, RETRY_AFTER_SECONDS } from '../../lib/rate-limit-firewall.js';
import { DEFAULT_ROUTE_THROTTLES } from '../../lib/support-api.js';
import { addSupportDesk } from '../../lib/support-desk-app.js';
import { nagFindings, newApp, SYNTH_TIMEOUT_MS, theResource } from './cdk-app.js';

const person = (email: string) => ({ email, name: email.split('@')[0], language: 'he' });
const ROSTER = JSON.stringify({
  tierDuty: { 1: person('t1@support.center.example'), 2: person('t2@support.center.example'), 3: person('t3@support.center.example'), 4: person('t4@support.center.example') },
  hos: person('hos@support.center.example'), cco: person('cco@support.center.example'),
});

/** The desk's stacks as bin/app.ts builds them, unbundled, with `context` on top of cdk.json's. */
const deskApp = (context: Record<string, unknown>) => {
  const app = newApp({ bundle: false });
  for (const [key, value] of Object.entries(context)) app.node.setContext(key, value);
  return addSupportDesk(app);
};
const TOO_MANY = { Block: { CustomResponse: { ResponseCode: 429, CustomResponseBodyKey: 'too-many-requests', ResponseHeaders: [{ Name: 'retry-after', Value: String(RETRY_AFTER_SECONDS) }] } } };
const ruleNamed = (template: Template, name: string) =>
  (Object.values(template.findResources('AWS::WAFv2::WebACL'))[0]!.Properties.Rules as { Name: string; Statement: any }[]).find((r) => r.Name === name)!;

describe('RateLimitFirewall (the user pool\'s: regional, per IP address and per token)', () => {
  const stack = new Stack(new App(), 'Waf');
  const pool = new cognito.UserPool(stack, 'Pool');
  new RateLimitFirewall(stack, 'Firewall').protect('Association', pool.userPoolArn);
  const template = Template.fromStack(stack);

  it('answers 429 to a client IP address over 1000 requests, and to a bearer token over 600, per 5 minutes', () => {
    template.hasResourceProperties('AWS::WAFv2::WebACL', {
      Scope: 'REGIONAL',
      DefaultAction: { Allow: {} },
      Rules: [
        Match.objectLike({ Name: 'RatePerClientIp', Action: TOO_MANY, Statement: { RateBasedStatement: { AggregateKeyType: 'IP', Limit: 1000, EvaluationWindowSec: 300 } } }),
        Match.objectLike({
          Name: 'RatePerBearerToken', Action: TOO_MANY,
          Statement: { RateBasedStatement: { AggregateKeyType: 'CUSTOM_KEYS', Limit: 600, EvaluationWindowSec: 300, CustomKeys: [{ Header: Match.objectLike({ Name: 'authorization' }) }] } },
        }),
      ],
    });
  });

  it('tells the client why as problem+json (RFC 9457), the body its other errors have, and when to retry', () => {
    const [, acl] = theResource(template, 'AWS::WAFv2::WebACL', { Scope: 'REGIONAL' });
    const body = acl.Properties.CustomResponseBodies['too-many-requests'];
    expect(body.ContentType).toBe('APPLICATION_JSON'); // WAF's choice of types; it refuses a content-type header
    expect(JSON.parse(body.Content)).toMatchObject({ type: 'about:blank', title: 'Too many requests', status: 429 });
  });

  it('puts the user pool behind it', () => {
    const [poolId] = Object.keys(template.findResources('AWS::Cognito::UserPool'));
    template.hasResourceProperties('AWS::WAFv2::WebACLAssociation', { ResourceArn: { 'Fn::GetAtt': [poolId, 'Arn'] }, WebACLArn: { 'Fn::GetAtt': [Match.anyValue(), 'Arn'] } });
  });

  it('refuses a window WAF does not offer', () => {
    expect(() => new RateLimitFirewall(new Stack(new App(), 'W'), 'F', { windowSeconds: 30 })).toThrow(/windowSeconds/);
  });
});

describe('readFirewallEnabled: optional by context, on by default in prod', () => {
  const enabled = (context: Record<string, unknown>) => readFirewallEnabled(new App({ context }));
  it('is on in prod, off in other stages', () => {
    expect(enabled({ stage: 'prod' })).toBe(true);
    expect(enabled({})).toBe(false);
    expect(enabled({ stage: 'staging' })).toBe(false);
  });
  it('follows context firewall=true|false (from cdk.json a boolean, from -c a string)', () => {
    expect(enabled({ stage: 'prod', firewall: 'false' })).toBe(false);
    expect(enabled({ stage: 'prod', firewall: false })).toBe(false);
    expect(enabled({ firewall: 'true' })).toBe(true);
    expect(() => enabled({ firewall: 'yes' })).toThrow(/context "firewall"/);
  });
});

describe('readApiRateLimits: the API\'s limits per client, from context', () => {
  const limits = (context: Record<string, unknown>) => readApiRateLimits(new App({ context }));
  it('defaults to 1000 per IP address, 600 per token, 300 per IP address without a token, per 300 s', () => {
    expect(limits({})).toEqual({ requestsPerIp: 1000, requestsPerToken: 600, requestsPerAnonymousIp: 300, windowSeconds: 300 });
    expect(limits({})).toEqual(DEFAULT_RATE_LIMITS);
  });
  it('takes each from context, a number from cdk.json or a string from -c', () => {
    expect(limits({ apiRequestsPerIp: 5000, apiRequestsPerToken: '900', apiRequestsPerAnonymousIp: '50', apiRateWindowSeconds: '60' }))
      .toEqual({ requestsPerIp: 5000, requestsPerToken: 900, requestsPerAnonymousIp: 50, windowSeconds: 60 });
  });
  it.each([
    ['apiRequestsPerToken', '9'], ['apiRequestsPerToken', 'many'], ['apiRequestsPerIp', 1.5], ['apiRequestsPerIp', 3_000_000_000], ['apiRateWindowSeconds', '30'],
  ])('refuses %s=%j', (key, value) => {
    expect(() => limits({ [key]: value })).toThrow(new RegExp(`context "${key}"`));
  });
});

describe('the desk\'s stacks in prod (firewall on by default): the API behind a CloudFront web ACL', () => {
  let stacks: ReturnType<typeof addSupportDesk>;
  let desk: Template;
  let edge: Template;
  beforeAll(() => {
    // A limit from context too, to see it arrive in the rule.
    stacks = deskApp({ stage: 'prod', staffRoster: ROSTER, region: 'eu-west-1', apiRequestsPerToken: '900' });
    desk = Template.fromStack(stacks.desk);
    edge = Template.fromStack(stacks.edge!);
  }, SYNTH_TIMEOUT_MS);

  it('puts the web ACL in a stack of its own in us-east-1 (WAF takes CLOUDFRONT web ACLs only there), the desk in its region', () => {
    expect(stacks.edge!.region).toBe('us-east-1');
    expect(stacks.edge!.stackName).toBe('SupportDesk-prod-edge');
    expect(stacks.desk.region).toBe('eu-west-1');
    expect(stacks.desk.dependencies).toContain(stacks.edge);
    edge.resourceCountIs('AWS::WAFv2::WebACL', 1);
    edge.hasResourceProperties('AWS::WAFv2::WebACL', Match.objectLike({ Scope: 'CLOUDFRONT', DefaultAction: { Allow: {} } }));
  });

  it('counts per IP address (all requests), per bearer token and per IP address without a token (the API\'s), and answers 429', () => {
    const api = { ByteMatchStatement: Match.objectLike({ FieldToMatch: { UriPath: {} }, PositionalConstraint: 'STARTS_WITH', SearchString: '/api/' }) };
    edge.hasResourceProperties('AWS::WAFv2::WebACL', Match.objectLike({
      Rules: [
        Match.objectLike({ Name: 'RatePerClientIp', Priority: 0, Action: TOO_MANY,
          Statement: { RateBasedStatement: { AggregateKeyType: 'IP', Limit: 1000, EvaluationWindowSec: 300 } } }),
        Match.objectLike({ Name: 'RatePerBearerToken', Priority: 1, Action: TOO_MANY,
          Statement: { RateBasedStatement: { AggregateKeyType: 'CUSTOM_KEYS', Limit: 900, EvaluationWindowSec: 300,
            CustomKeys: [{ Header: Match.objectLike({ Name: 'authorization' }) }], ScopeDownStatement: api } } }),
        Match.objectLike({ Name: 'RatePerAnonymousIp', Priority: 2, Action: TOO_MANY,
          Statement: { RateBasedStatement: { AggregateKeyType: 'IP', Limit: 300, EvaluationWindowSec: 300, ScopeDownStatement: { AndStatement: { Statements: [
            api,
            { NotStatement: { Statement: { SizeConstraintStatement: Match.objectLike({ FieldToMatch: { SingleHeader: { Name: 'authorization' } }, ComparisonOperator: 'GT', Size: 0 }) } } },
          ] } } } } }),
      ],
      CustomResponseBodies: { 'too-many-requests': Match.objectLike({ ContentType: 'APPLICATION_JSON' }) },
    }));
    expect(ruleNamed(edge, 'RatePerBearerToken').Statement.RateBasedStatement.Limit).toBe(900);
  });

  it('attaches it to the portal\'s distribution, read across regions from the edge stack\'s output', () => {
    const [, distribution] = Object.entries(desk.findResources('AWS::CloudFront::Distribution'))[0]!;
    const webAclId = distribution.Properties.DistributionConfig.WebACLId;
    expect(webAclId).toEqual({ 'Fn::GetStackOutput': { StackName: 'SupportDesk-prod-edge', Region: 'us-east-1', OutputName: expect.any(String) } });
    const [aclId] = Object.keys(edge.findResources('AWS::WAFv2::WebACL'));
    expect(edge.findOutputs(webAclId['Fn::GetStackOutput'].OutputName)).toEqual({ [webAclId['Fn::GetStackOutput'].OutputName]: { Value: { 'Fn::GetAtt': [aclId, 'Arn'] } } });
    expect(distribution.Properties.DistributionConfig.CacheBehaviors).toEqual([expect.objectContaining({ PathPattern: '/api/*' })]);
  });

  it('lets nothing reach the API around the web ACL: CloudFront adds a secret header every API function requires', () => {
    const [secretId, secret] = Object.entries(desk.findResources('AWS::SecretsManager::Secret'))[0]!;
    expect(secret.Properties.GenerateSecretString).toMatchObject({ PasswordLength: 48, ExcludePunctuation: true });
    const reference = { 'Fn::Join': ['', ['{{resolve:secretsmanager:', { Ref: secretId }, ':SecretString:::}}']] };
    const { Origins, CacheBehaviors } = Object.values(desk.findResources('AWS::CloudFront::Distribution'))[0]!.Properties.DistributionConfig;
    const apiOrigin = (Origins as any[]).find((o) => o.Id === CacheBehaviors[0].TargetOriginId);
    expect(apiOrigin.OriginCustomHeaders).toEqual([{ HeaderName: ORIGIN_VERIFY_HEADER, HeaderValue: reference }]);
    const apiFunctions = Object.values(desk.findResources('AWS::Lambda::Function')).filter((f) => /^Api\w+: \d+ routes/.test(String(f.Properties.Description)));
    expect(apiFunctions).toHaveLength(apiFunctionGroups(ROUTES).length);
    for (const fn of apiFunctions) expect(fn.Properties.Environment.Variables.ORIGIN_VERIFY).toEqual(reference);
  });

  it('points the portal at its own /api, and says so in an output', () => {
    desk.hasOutput('PortalApiUrl', { Value: { 'Fn::Join': ['', ['https://', { 'Fn::GetAtt': [Match.stringLikeRegexp('^PortalDistribution'), 'DomainName'] }, '/api']] } });
    const [deployment] = Object.values(desk.findResources('Custom::CDKBucketDeployment'));
    expect(JSON.stringify(deployment!.Properties.SourceMarkers)).toMatch(/"https:\/\/",\{"Fn::GetAtt":\["PortalDistribution[0-9A-F]+","DomainName"\]\},"\/api"/);
  });

  it('alarms when a web ACL blocks a client, each in its own region, and shows the blocks on the dashboard', () => {
    const topicOf = (t: Template) => Object.keys(t.findResources('AWS::SNS::Topic'))[0];
    edge.hasResourceProperties('AWS::CloudWatch::Alarm', Match.objectLike({
      AlarmDescription: Match.stringLikeRegexp('^API web ACL: .*#rate-limited-clients'), Threshold: 0, AlarmActions: [{ Ref: topicOf(edge) }],
    }));
    edge.hasOutput('EdgeAlarmTopicArn', { Value: { Ref: topicOf(edge) } });
    desk.hasResourceProperties('AWS::CloudWatch::Alarm', Match.objectLike({ AlarmDescription: Match.stringLikeRegexp('^User pool web ACL: .*#rate-limited-clients') }));
    const body = JSON.stringify(Object.values(desk.findResources('AWS::CloudWatch::Dashboard'))[0]!.Properties.DashboardBody);
    expect(body).toContain('API web ACL (us-east-1): requests blocked by rule (429)');
    expect(body).toContain('RatePerAnonymousIp');
  });

  it('names the web ACLs and their metrics alike, as docs/operations.md reads them (CloudWatch\'s WebACL and Rule dimensions)', () => {
    edge.hasResourceProperties('AWS::WAFv2::WebACL', Match.objectLike({
      Name: 'SupportDesk-prod-edge-ApiFirewall', VisibilityConfig: Match.objectLike({ MetricName: 'SupportDesk-prod-edge-ApiFirewall' }),
    }));
    desk.hasResourceProperties('AWS::WAFv2::WebACL', Match.objectLike({ Name: 'SupportDesk-prod-Firewall' }));
    for (const rule of ['RatePerClientIp', 'RatePerBearerToken', 'RatePerAnonymousIp']) {
      expect((ruleNamed(edge, rule) as unknown as { VisibilityConfig: { MetricName: string } }).VisibilityConfig.MetricName).toBe(rule);
    }
    const body = JSON.stringify(Object.values(desk.findResources('AWS::CloudWatch::Dashboard'))[0]!.Properties.DashboardBody);
    expect(body).toContain('\\"WebACL\\",\\"SupportDesk-prod-edge-ApiFirewall\\"');
  });

  it('keeps the user pool behind its own regional web ACL', () => {
    const [poolId] = Object.keys(desk.findResources('AWS::Cognito::UserPool'));
    desk.hasResourceProperties('AWS::WAFv2::WebACLAssociation', { ResourceArn: { 'Fn::GetAtt': [poolId, 'Arn'] } });
    desk.hasResourceProperties('AWS::WAFv2::WebACL', Match.objectLike({ Scope: 'REGIONAL' }));
  });

  it('leaves no unacknowledged cdk-nag finding in either stack', () => {
    expect(nagFindings(stacks.edge!)).toEqual([]);
    expect(nagFindings(stacks.desk)).toEqual([]);
  });

  it('throttles the routes that read a whole period tighter than the stage default, once the routes exist', () => {
    const [stageId, stage] = theResource(desk, 'AWS::ApiGatewayV2::Stage', { StageName: '$default' });
    expect(stage.Properties.DefaultRouteSettings).toMatchObject({ ThrottlingRateLimit: 50, ThrottlingBurstLimit: 100 });
    expect(Object.keys(stage.Properties.RouteSettings).sort()).toEqual(Object.keys(DEFAULT_ROUTE_THROTTLES).sort());
    expect(stage.Properties.RouteSettings['GET /reports/compliance']).toEqual({ ThrottlingRateLimit: 2, ThrottlingBurstLimit: 5 });
    const routes = desk.findResources('AWS::ApiGatewayV2::Route');
    const reportRoute = Object.entries(routes).find(([, r]) => r.Properties.RouteKey === 'GET /organisations/{id}/report')![0];
    expect(desk.toJSON().Resources[stageId].DependsOn).toContain(reportRoute);
  });
});

describe('the desk\'s stacks with the firewall off', () => {
  const savedRegion = process.env.CDK_DEFAULT_REGION;
  afterEach(() => {
    if (savedRegion === undefined) delete process.env.CDK_DEFAULT_REGION;
    else process.env.CDK_DEFAULT_REGION = savedRegion;
  });
  const webAcls = (stacks: ReturnType<typeof addSupportDesk>) =>
    [stacks.desk, stacks.edge].flatMap((s) => s?.node.findAll().filter((c) => c instanceof wafv2.CfnWebACL) ?? []);

  it('with firewall=false in prod: one environment-agnostic stack, no web ACL, the API still served at /api', () => {
    const stacks = deskApp({ stage: 'prod', staffRoster: ROSTER, firewall: 'false' });
    expect(stacks.edge).toBeUndefined();
    expect(webAcls(stacks)).toEqual([]);
    const distribution = Object.values(Template.fromStack(stacks.desk).findResources('AWS::CloudFront::Distribution'))[0]!.Properties.DistributionConfig;
    expect(distribution.WebACLId).toBeUndefined();
    expect(distribution.CacheBehaviors).toEqual([expect.objectContaining({ PathPattern: '/api/*' })]);
    // No secret header either: without the web ACL there is nothing to go around.
    const template = Template.fromStack(stacks.desk);
    expect(template.findResources('AWS::SecretsManager::Secret')).toEqual({});
    for (const fn of Object.values(template.findResources('AWS::Lambda::Function'))) expect(fn.Properties.Environment?.Variables?.ORIGIN_VERIFY).toBeUndefined();
  }, SYNTH_TIMEOUT_MS);

  it('in dev by default: no web ACL', () => {
    const stacks = deskApp({});
    expect(stacks.edge).toBeUndefined();
    expect(webAcls(stacks)).toEqual([]);
  }, SYNTH_TIMEOUT_MS);

  it('on, with no region named (context or the CLI\'s default): refused, naming the context value', () => {
    delete process.env.CDK_DEFAULT_REGION;
    expect(() => deskApp({ firewall: 'true' })).toThrow(/context "region"/);
    expect(() => deskApp({ firewall: 'true', region: 'Europe' })).toThrow(/context "region"/);
    process.env.CDK_DEFAULT_REGION = 'eu-central-1';
    expect(deskApp({ firewall: 'true' }).desk.region).toBe('eu-central-1');
  }, SYNTH_TIMEOUT_MS);
});
