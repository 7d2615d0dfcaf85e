import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { Duration, Fn, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3deploy from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';
import { portalSourceHash } from '../bin/local/portal-build.js';
import type { SupportIdentity } from './support-identity.js';
import { PROJECT_ROOT } from './support-function.js';

/** Where managed login sends the browser back with a code (web/src/session/session.ts's CALLBACK_PATH). */
export const PORTAL_CALLBACK_PATH = '/auth/callback';
const HASH_FILE = '.source-hash';

/**
 * web/dist as `cdk synth` ships it: used as is when it was built from the current sources (its
 * `.source-hash` matches), else built now with `vite build web` (offline; a few seconds).
 */
export function builtPortal(root: string = PROJECT_ROOT): string {
  const dist = path.join(root, 'web', 'dist');
  const hash = portalSourceHash(root);
  const hashFile = path.join(dist, HASH_FILE);
  if (existsSync(hashFile) && readFileSync(hashFile, 'utf8') === hash) return dist;
  const vite = path.join(root, 'node_modules', 'vite', 'bin', 'vite.js');
  const result = spawnSync(process.execPath, [vite, 'build', 'web', '--logLevel', 'warn'], { cwd: root, encoding: 'utf8', env: { ...process.env, NODE_ENV: 'production' } });
  if (result.status !== 0) throw new Error(`building the portal (vite build web) failed:\n${result.stderr || result.stdout}`);
  writeFileSync(hashFile, hash);
  return dist;
}

export type PortalProps = {
  readonly identity: SupportIdentity;
  /** The HTTP API's URL, written into config.json (a Lazy when the API is made after the portal, to allow its origin). */
  readonly apiUrl: string;
  /** The built app. @default builtPortal(): web/dist, built when stale; a placeholder when the stack is not bundled */
  readonly appPath?: string;
};

/**
 * The portal (issue 9): the built web/ app in a private bucket behind CloudFront (origin access
 * control, HTTPS only, strict security headers, SPA fallback), its config.json written at deploy
 * time, and Cognito managed login (authorization code + PKCE) sending people back to it.
 */
export class Portal extends Construct {
  public readonly bucket: s3.Bucket;
  public readonly distribution: cloudfront.Distribution;
  /** `https://<distribution domain>`: the portal's origin. */
  public readonly url: string;
  public readonly loginDomain: string;

  constructor(scope: Construct, id: string, props: PortalProps) {
    super(scope, id);
    const stack = Stack.of(this);

    this.bucket = new s3.Bucket(this, 'App', {
      encryption: s3.BucketEncryption.S3_MANAGED,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      // Build artefacts, redeployed whole by every `cdk deploy`: nothing to keep after the stack.
      removalPolicy: RemovalPolicy.DESTROY,
      autoDeleteObjects: true,
    });
    Validations.of(this.bucket).acknowledge({
      id: 'AwsSolutions-S1',
      reason: 'The bucket holds only the built portal, published by cdk deploy and read only by CloudFront through origin access control; its requests are the distribution\'s.',
    });

    // Managed login's domain for this stack: lowercase, without the words Cognito refuses in it.
    const domainPrefix = Fn.join('-', [stack.stackName.toLowerCase().replace(/[^a-z0-9-]/g, '-').replace(/aws|amazon|cognito/g, 'x'), stack.account]);
    this.loginDomain = Fn.join('', ['https://', domainPrefix, '.auth.', stack.region, '.amazoncognito.com']);
    // The API and the attachment bucket by their regional wildcards, not by name: the API's and
    // the bucket's CORS rules name this distribution, so naming them here would be a dependency cycle.
    const apiOrigins = Fn.join(' ', [`https://*.execute-api.${stack.region}.amazonaws.com`, `https://*.s3.${stack.region}.amazonaws.com`]);

    const headers = new cloudfront.ResponseHeadersPolicy(this, 'SecurityHeaders', {
      comment: 'Portal: strict CSP and security headers',
      securityHeadersBehavior: {
        contentSecurityPolicy: {
          override: true,
          // Only the app's own files run; it talks to the API, uploads to the attachment bucket,
          // and trades codes at managed login's token endpoint.
          contentSecurityPolicy: Fn.join('; ', [
            "default-src 'self'", Fn.join(' ', ["connect-src 'self'", apiOrigins, this.loginDomain]), "img-src 'self' data:",
            "style-src 'self'", "script-src 'self'", "font-src 'self'", "object-src 'none'", "base-uri 'none'",
            "frame-ancestors 'none'", "form-action 'self'", 'upgrade-insecure-requests',
          ]),
        },
        strictTransportSecurity: { override: true, accessControlMaxAge: Duration.days(365), includeSubdomains: true, preload: true },
        contentTypeOptions: { override: true },
        frameOptions: { override: true, frameOption: cloudfront.HeadersFrameOption.DENY },
        referrerPolicy: { override: true, referrerPolicy: cloudfront.HeadersReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN },
      },
    });

    this.distribution = new cloudfront.Distribution(this, 'Distribution', {
      comment: 'Support portal',
      defaultRootObject: 'index.html',
      httpVersion: cloudfront.HttpVersion.HTTP2_AND_3,
      defaultBehavior: {
        origin: origins.S3BucketOrigin.withOriginAccessControl(this.bucket),
        viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        allowedMethods: cloudfront.AllowedMethods.ALLOW_GET_HEAD,
        cachePolicy: cloudfront.CachePolicy.CACHING_OPTIMIZED,
        responseHeadersPolicy: headers,
        compress: true,
      },
      // SPA fallback: /tickets/T-1042 is no object; the app routes it. S3 answers 403 for a
      // missing key when CloudFront may not list the bucket.
      errorResponses: [403, 404].map((httpStatus) => ({ httpStatus, responseHttpStatus: 200, responsePagePath: '/index.html', ttl: Duration.seconds(0) })),
    });
    this.url = `https://${this.distribution.distributionDomainName}`;
    Validations.of(this.distribution).acknowledge(
      { id: 'AwsSolutions-CFR1', reason: 'The portal serves customers wherever they are (partners abroad included); no country is excluded.' },
      { id: 'AwsSolutions-CFR2', reason: 'The distribution serves static files only; the API behind its own throttling and JWT authorizer is where requests cost, and WAF is billed per request.' },
      { id: 'AwsSolutions-CFR3', reason: 'Static, public build files: access logs would record only downloads of the app; the API logs every request.' },
      { id: 'AwsSolutions-CFR4', reason: 'The default *.cloudfront.net certificate, whose security policy CloudFront fixes; set a TLS 1.2 minimum with the custom domain and certificate a stage adds.' },
    );

    props.identity.enableManagedLogin({
      domainPrefix,
      callbackUrls: [`${this.url}${PORTAL_CALLBACK_PATH}`],
      logoutUrls: [`${this.url}/`],
    });

    const app = stack.bundlingRequired ? s3deploy.Source.asset(props.appPath ?? builtPortal(), { exclude: [HASH_FILE] }) : s3deploy.Source.data('index.html', '<!doctype html><title>not built</title>');
    const deployment = new s3deploy.BucketDeployment(this, 'Deploy', {
      destinationBucket: this.bucket,
      sources: [
        app,
        // The runtime configuration (web/src/config.ts): one build serves every stage.
        s3deploy.Source.jsonData('config.json', {
          apiUrl: props.apiUrl,
          auth: {
            kind: 'cognito', domain: this.loginDomain, clientId: props.identity.userPoolClient.userPoolClientId,
            userPoolId: props.identity.userPool.userPoolId, scopes: ['openid', 'email', 'profile'],
          },
        }),
      ],
      distribution: this.distribution,
      distributionPaths: ['/index.html', '/config.json'],
      memoryLimit: 512,
    });
    // CDK's BucketDeployment handler: one per stack, its role and runtime CDK's own.
    const handler = stack.node.children.find((c) => c.node.id.startsWith('Custom::CDKBucketDeployment'));
    if (handler) {
      const why = 'CDK\'s BucketDeployment handler copies the build from the CDK asset bucket into the portal bucket and invalidates the distribution';
      Validations.of(handler).acknowledge(
        { id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]', reason: `${why}; the managed policy only lets it write its own logs.` },
        ...['Action::s3:GetBucket*', 'Action::s3:GetObject*', 'Action::s3:List*', 'Action::s3:Abort*', 'Action::s3:DeleteObject*',
          'Resource::arn:<AWS::Partition>:s3:::cdk-hnb659fds-assets-<AWS::AccountId>-<AWS::Region>/*', `Resource::<${stack.getLogicalId(this.bucket.node.defaultChild as s3.CfnBucket)}.Arn>/*`, 'Resource::*']
          .map((detail) => ({ id: `AwsSolutions-IAM5[${detail}]`, reason: `${why}: CDK grants it object-level wildcards on exactly those two buckets (and CreateInvalidation, which takes no resource).` })),
        { id: 'AwsSolutions-L1', reason: `${why}; its Python runtime is pinned by the aws-cdk-lib version and moves with CDK upgrades.` },
      );
    }
    void deployment;
  }
}
