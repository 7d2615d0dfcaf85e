import { CfnParameter, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { APP_ROUTES_FUNCTION, Portal, PORTAL_CALLBACK_PATH } from '../../lib/portal.js';
import { SupportIdentity } from '../../lib/support-identity.js';
import { nagFindings, newApp, runViewerRequest, SYNTH_TIMEOUT_MS } from './cdk-app.js';

let stack: Stack;
let template: Template;

beforeAll(() => {
  stack = new Stack(newApp(), 'Portal-test');
  const identity = new SupportIdentity(stack, 'Identity');
  // A reference, as the stack's API URL is: resolved at deploy time into config.json.
  const apiUrl = new CfnParameter(stack, 'TheApiUrl').valueAsString;
  new Portal(stack, 'Portal', { identity, apiUrl, appPath: new URL('./fixtures/portal', import.meta.url).pathname });
  template = Template.fromStack(stack);
}, SYNTH_TIMEOUT_MS);

describe('R-PORTAL-1: the portal is static files in a private bucket behind CloudFront', () => {
  it('keeps the bucket private, encrypted and TLS-only', () => {
    template.hasResourceProperties('AWS::S3::Bucket', Match.objectLike({
      PublicAccessBlockConfiguration: { BlockPublicAcls: true, BlockPublicPolicy: true, IgnorePublicAcls: true, RestrictPublicBuckets: true },
      BucketEncryption: Match.objectLike({ ServerSideEncryptionConfiguration: [Match.objectLike({ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } })] }),
    }));
    const policies = Object.values(template.findResources('AWS::S3::BucketPolicy')).map((p) => JSON.stringify(p.Properties));
    expect(policies.some((p) => p.includes('aws:SecureTransport'))).toBe(true);
    expect(policies.some((p) => p.includes('cloudfront.amazonaws.com') && p.includes('AWS:SourceArn'))).toBe(true);
  });

  it('reads the bucket through origin access control, HTTPS only, with the SPA fallback', () => {
    template.resourceCountIs('AWS::CloudFront::OriginAccessControl', 1);
    // The fallback is a viewer-request function, not error responses: those would be the whole
    // distribution's, and turn the API's 404s (served at /api) into the app's page.
    const [functionId] = Object.entries(template.findResources('AWS::CloudFront::Function'))
      .find(([, f]) => f.Properties.FunctionCode === APP_ROUTES_FUNCTION)!;
    template.hasResourceProperties('AWS::CloudFront::Distribution', Match.objectLike({
      DistributionConfig: Match.objectLike({
        DefaultRootObject: 'index.html',
        DefaultCacheBehavior: Match.objectLike({
          ViewerProtocolPolicy: 'redirect-to-https', Compress: true,
          FunctionAssociations: [{ EventType: 'viewer-request', FunctionARN: { 'Fn::GetAtt': [functionId, 'FunctionARN'] } }],
        }),
        CustomErrorResponses: Match.absent(),
      }),
    }));
  });

  it('sends a path that names no file to index.html, and files as they are', () => {
    const routed = (uri: string) => runViewerRequest(APP_ROUTES_FUNCTION, uri);
    expect(routed('/')).toBe('/index.html');
    expect(routed('/tickets/T-1042')).toBe('/index.html');
    expect(routed(PORTAL_CALLBACK_PATH)).toBe('/index.html');
    expect(routed('/config.json')).toBe('/config.json');
    expect(routed('/assets/index-4f2a9c.js')).toBe('/assets/index-4f2a9c.js');
  });

  it('answers with a strict Content-Security-Policy and the security headers', () => {
    const [policy] = Object.values(template.findResources('AWS::CloudFront::ResponseHeadersPolicy'));
    const config = policy!.Properties.ResponseHeadersPolicyConfig.SecurityHeadersConfig;
    const csp = JSON.stringify(config.ContentSecurityPolicy.ContentSecurityPolicy);
    for (const directive of ["default-src 'self'", "script-src 'self'", "style-src 'self'", "object-src 'none'", "frame-ancestors 'none'", "base-uri 'none'"]) {
      expect(csp).toContain(directive);
    }
    expect(csp).toContain("connect-src 'self'");
    expect(csp).toContain('https://*.execute-api.'); // an API given by URL is elsewhere: its region's API Gateway (serve-api.test.ts: none when served at /api)
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('unsafe-eval');
    expect(config.StrictTransportSecurity).toMatchObject({ Override: true, IncludeSubdomains: true });
    expect(config.FrameOptions).toMatchObject({ FrameOption: 'DENY' });
    expect(config.ContentTypeOptions).toMatchObject({ Override: true });
  });

  it('writes config.json at deploy time: the API URL and the managed login', () => {
    const [deployment] = Object.values(template.findResources('Custom::CDKBucketDeployment'));
    const markers = JSON.stringify(deployment!.Properties.SourceMarkers);
    expect(markers).toContain('{"Ref":"TheApiUrl"}');
    expect(markers).toContain('amazoncognito.com');
    expect(markers).toContain('IdentityUserPoolPortalClient'); // the client id, a reference resolved at deploy time
    expect(deployment!.Properties.DistributionPaths).toEqual(['/index.html', '/config.json']);
  });
});

describe('sign-in: Cognito managed login with the authorization code and PKCE', () => {
  it('lets the portal client use the code flow back to the distribution, without a secret', () => {
    template.hasResourceProperties('AWS::Cognito::UserPoolClient', Match.objectLike({
      GenerateSecret: false,
      AllowedOAuthFlowsUserPoolClient: true,
      AllowedOAuthFlows: ['code'],
      AllowedOAuthScopes: ['openid', 'email', 'profile'],
      SupportedIdentityProviders: ['COGNITO'],
    }));
    const [client] = Object.values(template.findResources('AWS::Cognito::UserPoolClient'));
    const callbacks = JSON.stringify(client!.Properties.CallbackURLs);
    expect(callbacks).toContain('DomainName');
    expect(callbacks).toContain(PORTAL_CALLBACK_PATH);
  });

  it('has a managed login domain with its branding', () => {
    template.hasResourceProperties('AWS::Cognito::UserPoolDomain', Match.objectLike({ ManagedLoginVersion: 2 }));
    template.resourceCountIs('AWS::Cognito::ManagedLoginBranding', 1);
  });
});

describe('cdk-nag', () => {
  it('has no unacknowledged AwsSolutions finding', () => {
    expect(nagFindings(stack)).toEqual([]);
  });
});
