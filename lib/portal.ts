import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { Duration, Fn, Lazy, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import type { IHttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3deploy from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';
import { portalSourceHash } from '../bin/local/portal-build.js';
import { nagArnParts } from './nag-arn.js';
import { ORIGIN_VERIFY_HEADER } from '../functions/handlers/http/routes.js';
import type { SupportIdentity } from './support-identity.js';
import { PROJECT_ROOT } from './support-function.js';

/** Where managed login sends the browser back with a code (web/src/session/session.ts's CALLBACK_PATH). */
export const PORTAL_CALLBACK_PATH = '/auth/callback';
/** Where the distribution serves the HTTP API on the portal's own origin (serveApi): `/api/tickets` is `/tickets`. */
export const PORTAL_API_PATH = '/api';
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
  /**
   * The API's URL written into config.json. @default the portal's own `${url}/api`, the API served
   * by the distribution (serveApi), so the app calls its own origin: no CORS, and the web ACL in front
   */
  readonly apiUrl?: string;
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
  /** The URL the app calls the API at (config.json's apiUrl). */
  public readonly apiUrl: string;
  private servesApi = false;

  constructor(scope: Construct, id: string, props: PortalProps) {
    super(scope, id);
    const stack = Stack.of(this);

    this.bucket = new s3.Bucket(this, 'App', {
      encryption: s3.BucketEncryption.S3_MANAGED,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      // Build artefacts, redeployed whole by every `cdk deploy`. Kept after the stack (delete it by
      // hand): emptying it on deletion would take a custom-resource function of its own.
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(this.bucket).acknowledge({
      id: 'AwsSolutions-S1',
      reason: 'The bucket holds only the built portal, published by cdk deploy and read only by CloudFront through origin access control; its requests are the distribution\'s.',
    });

    // Managed login's domain for this stack: lowercase, without the words Cognito refuses in it.
    const domainPrefix = Fn.join('-', [stack.stackName.toLowerCase().replace(/[^a-z0-9-]/g, '-').replace(/aws|amazon|cognito/g, 'x'), stack.account]);
    this.loginDomain = Fn.join('', ['https://', domainPrefix, '.auth.', stack.region, '.amazoncognito.com']);
    // The attachment bucket by its regional wildcard, not by name: the bucket's CORS rule names this
    // distribution, so naming it here would be a dependency cycle. The API is this origin's `/api`
    // ('self'); one given by apiUrl is elsewhere, so its region's API Gateway is allowed too.
    this.apiUrl = props.apiUrl ?? Lazy.string({ produce: () => {
      if (!this.servesApi) throw new Error('Portal: give apiUrl, or call serveApi() so the app calls the API on its own origin');
      return `${this.url}${PORTAL_API_PATH}`;
    } });
    const apiOrigins = Fn.join(' ', [
      ...(props.apiUrl === undefined ? [] : [`https://*.execute-api.${stack.region}.amazonaws.com`]), `https://*.s3.${stack.region}.amazonaws.com`,
    ]);

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
        // SPA fallback: /tickets/T-1042 is no object; the app routes it. Not by error responses
        // (403/404 to index.html): those are the whole distribution's, and would turn the API's
        // 404s and WAF's refusals into the app's page.
        functionAssociations: [{ eventType: cloudfront.FunctionEventType.VIEWER_REQUEST, function: new cloudfront.Function(this, 'AppRoutes', {
          comment: 'Portal: a path that names no file is one of the app\'s routes: serve index.html',
          runtime: cloudfront.FunctionRuntime.JS_2_0,
          code: cloudfront.FunctionCode.fromInline(APP_ROUTES_FUNCTION),
        }) }],
      },
    });
    this.url = `https://${this.distribution.distributionDomainName}`;
    Validations.of(this.distribution).acknowledge(
      { id: 'AwsSolutions-CFR1', reason: 'The portal serves customers wherever they are (partners abroad included); no country is excluded.' },
      { id: 'AwsSolutions-CFR2', reason: 'A web ACL with per-client rate rules is attached where the stage turns the firewall on (context firewall, on in prod: serveApi); elsewhere the API behind it has its stage throttles and JWT authorizer, and WAF is billed per request.' },
      { id: 'AwsSolutions-CFR3', reason: 'Static, public build files and the API, whose own access log records every request (SupportApi); CloudFront\'s logs would add only downloads of the app.' },
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
          apiUrl: this.apiUrl,
          auth: {
            kind: 'cognito', domain: this.loginDomain, clientId: props.identity.userPoolClient.userPoolClientId,
            userPoolId: props.identity.userPool.userPoolId, scopes: ['openid', 'email', 'profile'],
          },
        }),
      ],
      distribution: this.distribution,
      distributionPaths: ['/index.html', '/config.json'],
      memoryLimit: 512,
      // Its handler's log, kept a year like every function's (test/cdk/monitoring.test.ts).
      logGroup: new logs.LogGroup(this, 'DeployLogs', { retention: logs.RetentionDays.ONE_YEAR }),
    });
    // CDK's BucketDeployment handler: one per stack, its role and runtime CDK's own.
    const handler = stack.node.children.find((c) => c.node.id.startsWith('Custom::CDKBucketDeployment'));
    if (handler) {
      const why = 'CDK\'s BucketDeployment handler copies the build from the CDK asset bucket into the portal bucket and invalidates the distribution';
      Validations.of(handler).acknowledge(
        { id: 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]', reason: `${why}; the managed policy only lets it write its own logs.` },
        ...['Action::s3:GetBucket*', 'Action::s3:GetObject*', 'Action::s3:List*', 'Action::s3:Abort*', 'Action::s3:DeleteObject*',
          `Resource::arn:${nagArnParts(this).partition}:s3:::cdk-hnb659fds-assets-<AWS::AccountId>-${nagArnParts(this).region}/*`, `Resource::<${stack.getLogicalId(this.bucket.node.defaultChild as s3.CfnBucket)}.Arn>/*`, 'Resource::*']
          .map((detail) => ({ id: `AwsSolutions-IAM5[${detail}]`, reason: `${why}: CDK grants it object-level wildcards on exactly those two buckets (and CreateInvalidation, which takes no resource).` })),
        { id: 'AwsSolutions-L1', reason: `${why}; its Python runtime is pinned by the aws-cdk-lib version and moves with CDK upgrades.` },
      );
    }
    void deployment;
  }

  /**
   * Serves `api` at `/api/*` on the portal's origin: nothing cached, every method, every viewer
   * header (Authorization, If-Match, Idempotency-Key) and the query string passed on, HTTPS only;
   * a CloudFront function strips `/api`. With `webAclArn`, a CLOUDFRONT web ACL (its per-client
   * rate rules, lib/rate-limit-firewall.ts) guards the distribution; with `originSecret`,
   * CloudFront adds it to every request as ORIGIN_VERIFY_HEADER, and the API's functions, given the
   * same (SupportApi.requireOrigin), refuse a request that reached the execute-api URL directly.
   */
  public serveApi(api: IHttpApi, options: { webAclArn?: string; originSecret?: string } = {}): void {
    const stack = Stack.of(this);
    this.servesApi = true;
    this.distribution.addBehavior(`${PORTAL_API_PATH}/*`, new origins.HttpOrigin(`${api.apiId}.execute-api.${stack.region}.${stack.urlSuffix}`, {
      protocolPolicy: cloudfront.OriginProtocolPolicy.HTTPS_ONLY,
      originSslProtocols: [cloudfront.OriginSslPolicy.TLS_V1_2],
      readTimeout: Duration.seconds(30), // API Gateway's own limit is 30 s; the functions stop at 10
      // The API's functions refuse a request without it (functions/handlers/http/router.ts): none goes around the web ACL.
      ...(options.originSecret !== undefined ? { customHeaders: { [ORIGIN_VERIFY_HEADER]: options.originSecret } } : {}),
    }), {
      viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.HTTPS_ONLY, // a redirect would turn a POST into a GET
      allowedMethods: cloudfront.AllowedMethods.ALLOW_ALL,
      cachePolicy: cloudfront.CachePolicy.CACHING_DISABLED,
      // Host is the distribution's: API Gateway routes by its own host name. With caching disabled
      // this policy forwards Authorization too (AWS knowledge center, "cloudfront-authorization-header").
      originRequestPolicy: cloudfront.OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
      compress: true,
      functionAssociations: [{ eventType: cloudfront.FunctionEventType.VIEWER_REQUEST, function: new cloudfront.Function(this, 'ApiPath', {
        comment: 'Portal: /api/tickets is the API\'s /tickets',
        runtime: cloudfront.FunctionRuntime.JS_2_0,
        code: cloudfront.FunctionCode.fromInline(API_PATH_FUNCTION),
      }) }, { eventType: cloudfront.FunctionEventType.VIEWER_RESPONSE, function: new cloudfront.Function(this, 'ApiLocation', {
        comment: 'Portal: the API\'s Location /tickets/1 is /api/tickets/1 here',
        runtime: cloudfront.FunctionRuntime.JS_2_0,
        code: cloudfront.FunctionCode.fromInline(API_LOCATION_FUNCTION),
      }) }],
    });
    if (options.webAclArn !== undefined) this.distribution.attachWebAclId(options.webAclArn);
  }
}

/** CloudFront Functions (cloudfront-js-2.0): viewer requests, before the cache; WAF has seen the request already. */
export const APP_ROUTES_FUNCTION = `function handler(event) {
  var request = event.request;
  if (!/\\.[A-Za-z0-9]{1,8}$/.test(request.uri)) request.uri = '/index.html';
  return request;
}`;
/** The API answers a new resource's Location as its own path (`/tickets/…`): on this origin it is under /api. */
export const API_LOCATION_FUNCTION = `function handler(event) {
  var response = event.response;
  var location = response.headers.location;
  if (location && location.value.charAt(0) === '/' && location.value.charAt(1) !== '/') location.value = '${PORTAL_API_PATH}' + location.value;
  return response;
}`;
export const API_PATH_FUNCTION = `function handler(event) {
  var request = event.request;
  request.uri = request.uri.slice(${PORTAL_API_PATH.length}) || '/';
  return request;
}`;
