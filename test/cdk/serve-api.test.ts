// The API on the portal's own origin (issue 13, item 4): CloudFront serves the HTTP API at /api/*,
// so a CLOUDFRONT web ACL with per-client rate rules can stand in front of it (WAF cannot be
// associated with an HTTP API), and the app calls its own origin (no CORS, CSP 'self').
import { CfnParameter, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import { beforeAll, describe, expect, it } from 'vitest';
import { API_LOCATION_FUNCTION, API_PATH_FUNCTION, Portal } from '../../lib/portal.js';
import { SupportIdentity } from '../../lib/support-identity.js';
import { nagFindings, newApp, runViewerRequest, runViewerResponse, SYNTH_TIMEOUT_MS } from './cdk-app.js';

const APP_PATH = new URL('./fixtures/portal', import.meta.url).pathname;
let stack: Stack;
let template: Template;
let apiId: string;
let distribution: Record<string, any>;

beforeAll(() => {
  stack = new Stack(newApp(), 'ServeApi-test');
  const portal = new Portal(stack, 'Portal', { identity: new SupportIdentity(stack, 'Identity'), appPath: APP_PATH });
  const api = new HttpApi(stack, 'Api', { createDefaultStage: false }); // a stand-in: SupportApi's stage is tested with it
  portal.serveApi(api, { webAclArn: new CfnParameter(stack, 'TheWebAclArn').valueAsString });
  template = Template.fromStack(stack);
  apiId = Object.keys(template.findResources('AWS::ApiGatewayV2::Api'))[0]!;
  distribution = Object.values(template.findResources('AWS::CloudFront::Distribution'))[0]!.Properties.DistributionConfig;
}, SYNTH_TIMEOUT_MS);

describe('Portal.serveApi: the API at /api/* of the portal\'s distribution', () => {
  it('passes every method, header but Host, and query string on, caches nothing, HTTPS only', () => {
    expect(distribution.CacheBehaviors).toEqual([expect.objectContaining({
      PathPattern: '/api/*',
      AllowedMethods: ['GET', 'HEAD', 'OPTIONS', 'PUT', 'PATCH', 'POST', 'DELETE'],
      CachePolicyId: cloudfront.CachePolicy.CACHING_DISABLED.cachePolicyId,
      OriginRequestPolicyId: cloudfront.OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER.originRequestPolicyId,
      ViewerProtocolPolicy: 'https-only',
    })]);
  });

  it('reaches the API by its execute-api host over TLS 1.2', () => {
    const origin = (distribution.Origins as any[]).find((o) => o.Id === distribution.CacheBehaviors[0].TargetOriginId);
    expect(origin.CustomOriginConfig).toMatchObject({ OriginProtocolPolicy: 'https-only', OriginSSLProtocols: ['TLSv1.2'] });
    expect(JSON.stringify(origin.DomainName)).toContain(JSON.stringify({ Ref: apiId }));
    expect(JSON.stringify(origin.DomainName)).toContain('.execute-api.');
  });

  it('strips /api in a viewer-request function: /api/tickets is the API\'s /tickets', () => {
    const [functionId] = Object.entries(template.findResources('AWS::CloudFront::Function'))
      .find(([, f]) => f.Properties.FunctionCode === API_PATH_FUNCTION)!;
    expect(distribution.CacheBehaviors[0].FunctionAssociations).toContainEqual({ EventType: 'viewer-request', FunctionARN: { 'Fn::GetAtt': [functionId, 'FunctionARN'] } });
    expect(runViewerRequest(API_PATH_FUNCTION, '/api/tickets')).toBe('/tickets');
    expect(runViewerRequest(API_PATH_FUNCTION, '/api/tickets/T-1042/messages')).toBe('/tickets/T-1042/messages');
    expect(runViewerRequest(API_PATH_FUNCTION, '/api/')).toBe('/');
  });

  it('puts /api before the Location of what the API creates, so it names the resource on this origin', () => {
    const [functionId] = Object.entries(template.findResources('AWS::CloudFront::Function'))
      .find(([, f]) => f.Properties.FunctionCode === API_LOCATION_FUNCTION)!;
    expect(distribution.CacheBehaviors[0].FunctionAssociations).toContainEqual({ EventType: 'viewer-response', FunctionARN: { 'Fn::GetAtt': [functionId, 'FunctionARN'] } });
    expect(runViewerResponse(API_LOCATION_FUNCTION, { location: { value: '/tickets/4f7c1a9e' } }).location).toEqual({ value: '/api/tickets/4f7c1a9e' });
    expect(runViewerResponse(API_LOCATION_FUNCTION, { location: { value: 'https://elsewhere.example/x' } }).location).toEqual({ value: 'https://elsewhere.example/x' });
    expect(runViewerResponse(API_LOCATION_FUNCTION, { location: { value: '//elsewhere.example/x' } }).location).toEqual({ value: '//elsewhere.example/x' });
    expect(runViewerResponse(API_LOCATION_FUNCTION, { 'content-type': { value: 'application/json' } })).toEqual({ 'content-type': { value: 'application/json' } });
  });

  it('puts the web ACL in front of the distribution', () => {
    expect(distribution.WebACLId).toEqual({ Ref: 'TheWebAclArn' });
  });

  it('writes config.json with the portal\'s own /api as the API URL', () => {
    const [deployment] = Object.values(template.findResources('Custom::CDKBucketDeployment'));
    const markers = JSON.stringify(deployment!.Properties.SourceMarkers);
    expect(markers).toMatch(/"https:\/\/",\{"Fn::GetAtt":\["PortalDistribution[0-9A-F]+","DomainName"\]\},"\/api"/);
    expect(markers).not.toContain('execute-api');
  });

  it('allows the API in the CSP as \'self\' only: no API Gateway wildcard, the attachment bucket\'s kept', () => {
    const [policy] = Object.values(template.findResources('AWS::CloudFront::ResponseHeadersPolicy'));
    const csp = JSON.stringify(policy!.Properties.ResponseHeadersPolicyConfig.SecurityHeadersConfig.ContentSecurityPolicy.ContentSecurityPolicy);
    expect(csp).toContain("connect-src 'self'");
    expect(csp).not.toContain('execute-api');
    expect(csp).toContain('.s3.');
  });

  it('has no unacknowledged AwsSolutions finding', () => {
    expect(nagFindings(stack)).toEqual([]);
  });
});

describe('Portal without an API URL', () => {
  it('refuses to synthesize until serveApi() gives the app one', () => {
    const bare = new Stack(newApp(), 'NoApi-test');
    new Portal(bare, 'Portal', { identity: new SupportIdentity(bare, 'Identity'), appPath: APP_PATH });
    expect(() => Template.fromStack(bare)).toThrow(/serveApi/);
  }, SYNTH_TIMEOUT_MS);
});
