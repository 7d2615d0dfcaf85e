import { join } from 'node:path';
import { Duration, Stack, Validations } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import {
  CorsHttpMethod, HttpApi, HttpMethod, HttpNoneAuthorizer, HttpRoute, HttpRouteKey, type HttpStage, LogGroupLogDestination, type ThrottleSettings,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type * as cognito from 'aws-cdk-lib/aws-cognito';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import type { Route } from '../functions/handlers/http/routes.js';
import { PROJECT_ROOT, SupportFunction } from './support-function.js';
import type { TicketTable } from './ticket-table.js';

// One JSON object per request, using HTTP API (not REST API) $context variables, so Logs
// Insights can query fields directly.
const ACCESS_LOG_FORMAT = AccessLogFormat.custom(
  JSON.stringify({
    requestId: '$context.requestId',
    requestTime: '$context.requestTimeEpoch',
    sourceIp: '$context.identity.sourceIp',
    routeKey: '$context.routeKey',
    status: '$context.status',
    protocol: '$context.protocol',
    responseLength: '$context.responseLength',
    latencyMs: '$context.responseLatency',
    integrationError: '$context.integrationErrorMessage',
    authorizerError: '$context.authorizer.error',
  }),
);

/** The stage's default per-route limits: a portal's traffic with room, a runaway client capped. */
const DEFAULT_THROTTLE: ThrottleSettings = { rateLimit: 50, burstLimit: 100 };

export type SupportApiProps = {
  /** Every route, each served by its own function (functions/handlers/http/routes.ts). */
  readonly routes: readonly Route[];
  readonly tickets: TicketTable;
  /** Whose ID tokens the JWT authorizer accepts. */
  readonly identity: { readonly userPool: cognito.IUserPool; readonly userPoolClient: cognito.IUserPoolClient };
  /** @default 50 requests per second, bursts of 100 */
  readonly throttle?: ThrottleSettings;
  /**
   * Browser origins allowed to call the API and the attachment bucket (the portal's CloudFront
   * origin, `https://d111.cloudfront.net`). @default none: no CORS at all
   */
  readonly allowedOrigins?: readonly string[];
};

/** The headers a browser may send (CORS), and those it may read: the ETag for If-Match. */
export const CORS_ALLOW_HEADERS = ['authorization', 'content-type', 'if-match', 'idempotency-key'];
export const CORS_EXPOSE_HEADERS = ['etag', 'location'];

/** Where the browser puts files (expired after a day unless attached), and where attached files live. */
export const UPLOADS_PREFIX = 'uploads/';
export const ATTACHED_PREFIX = 'attachments/';
/** The routes that touch attachment objects, and how (least privilege: functions/handlers/http/attach-uploads.ts). */
const ATTACHMENT_ACCESS: Readonly<Record<string, readonly { actions: string[]; prefix: string; why: string }[]>> = {
  // The presigned PUT carries the signer's permissions: this role's PutObject on uploads/.
  'create-upload': [{ actions: ['s3:PutObject'], prefix: UPLOADS_PREFIX, why: 'it signs PUT URLs for uploads/<upload id>, ids made per request' }],
  // HeadObject and the ranged GET of the sniff are s3:GetObject; CopyObject reads the upload and writes the attached copy.
  'create-ticket': [
    { actions: ['s3:GetObject'], prefix: UPLOADS_PREFIX, why: 'it checks uploads/<upload id> (HeadObject, the first bytes) before attaching' },
    { actions: ['s3:PutObject'], prefix: `${ATTACHED_PREFIX}api/`, why: 'it copies a checked upload to attachments/api/<upload id>' },
  ],
  'add-message': [
    { actions: ['s3:GetObject'], prefix: UPLOADS_PREFIX, why: 'it checks uploads/<upload id> (HeadObject, the first bytes) before attaching' },
    { actions: ['s3:PutObject'], prefix: `${ATTACHED_PREFIX}api/`, why: 'it copies a checked upload to attachments/api/<upload id>' },
  ],
  'get-attachment': [{ actions: ['s3:GetObject'], prefix: ATTACHED_PREFIX, why: 'it signs GET URLs of attached files, uploaded or from email, under keys known only at run time' }],
};

/** The public HTTP API: one function per route, the routes behind a Cognito JWT authorizer. */
export class SupportApi extends Construct {
  public readonly httpApi: HttpApi;
  public readonly stage: HttpStage;
  public readonly accessLogGroup: logs.LogGroup;
  public readonly authorizer: HttpJwtAuthorizer;
  /** Each route's function, by the route's entry (`create-ticket`). */
  public readonly functions: ReadonlyMap<string, SupportFunction>;
  /** The `$default` route's function: unknown routes 404, wrong methods 405, as problem+json. */
  public readonly defaultRouteFunction: SupportFunction;
  /** The browser origins allowed (CORS); empty: none. */
  public readonly allowedOrigins: readonly string[];

  constructor(scope: Construct, id: string, props: SupportApiProps) {
    super(scope, id);
    // Kept (default RETAIN) after a stack deletion: access logs are an audit trail.
    this.accessLogGroup = new logs.LogGroup(this, 'AccessLogs', { retention: logs.RetentionDays.ONE_YEAR });

    // CORS for the portal's origin only; none until one is given. API Gateway answers the
    // preflight itself, before any route or authorizer.
    // HttpApiProps has no access-log option for the stage it creates, so the $default
    // stage is added here instead of by createDefaultStage.
    this.allowedOrigins = [...(props.allowedOrigins ?? [])];
    this.httpApi = new HttpApi(this, 'HttpApi', {
      apiName: Stack.of(this).stackName, // tells the stages apart in the console
      createDefaultStage: false,
      ...(this.allowedOrigins.length > 0 ? {
        corsPreflight: {
          allowOrigins: [...this.allowedOrigins],
          allowMethods: [CorsHttpMethod.GET, CorsHttpMethod.POST, CorsHttpMethod.PUT, CorsHttpMethod.PATCH, CorsHttpMethod.DELETE],
          allowHeaders: CORS_ALLOW_HEADERS,
          exposeHeaders: CORS_EXPOSE_HEADERS,
          maxAge: Duration.minutes(10),
        },
      } : {}),
    });
    this.stage = this.httpApi.addStage('DefaultStage', {
      stageName: '$default',
      autoDeploy: true,
      throttle: props.throttle ?? DEFAULT_THROTTLE,
      accessLogSettings: {
        destination: new LogGroupLogDestination(this.accessLogGroup),
        format: ACCESS_LOG_FORMAT,
      },
    });

    // The issuer Cognito writes into its tokens; the audience is the portal client's id, the
    // `aud` claim of an ID token (SupportIdentity explains why the ID token).
    const { userPool, userPoolClient } = props.identity;
    const poolStack = Stack.of(userPool);
    this.authorizer = new HttpJwtAuthorizer(
      'CognitoJwt',
      `https://cognito-idp.${poolStack.region}.${poolStack.urlSuffix}/${userPool.userPoolId}`,
      { jwtAudience: [userPoolClient.userPoolClientId] },
    );

    const functions = new Map<string, SupportFunction>();
    for (const route of props.routes) {
      functions.set(route.entry, this.addRoute(route, props.tickets));
    }
    this.functions = functions;
    this.defaultRouteFunction = this.addDefaultRoute();
  }

  /**
   * What no route takes: a 404, or a 405 with Allow for a known path, as problem+json. Public:
   * an unknown path has nothing to protect, and the function reads nothing.
   */
  private addDefaultRoute(): SupportFunction {
    const fn = new SupportFunction(this, 'RouteNotFound', {
      entry: join(PROJECT_ROOT, 'functions', 'handlers', 'http', 'route-not-found.ts'),
      description: '$default: unknown routes 404, wrong methods 405 (problem+json)',
    });
    const route = new HttpRoute(this, 'DefaultRoute', {
      httpApi: this.httpApi,
      routeKey: HttpRouteKey.DEFAULT,
      integration: new HttpLambdaIntegration('DefaultIntegration', fn.function),
      authorizer: new HttpNoneAuthorizer(),
    });
    Validations.of(route).acknowledge({
      id: 'AwsSolutions-APIG4',
      reason: 'The $default route answers only what no route takes (404, or 405 naming the methods a known path has); its function reads no data.',
    });
    return fn;
  }

  /**
   * Attachments in `bucket`: each attachment route gets ATTACHMENT_BUCKET and exactly its object
   * actions on its prefix; unattached uploads expire after a day; the portal's origins may PUT
   * and GET objects through signed URLs (the bucket's CORS).
   */
  public grantAttachments(bucket: s3.Bucket): void {
    const bucketId = Stack.of(this).getLogicalId(bucket.node.defaultChild as s3.CfnBucket);
    for (const [entry, grants] of Object.entries(ATTACHMENT_ACCESS)) {
      const fn = this.functions.get(entry);
      if (!fn) continue;
      fn.function.addEnvironment('ATTACHMENT_BUCKET', bucket.bucketName);
      for (const { actions, prefix, why } of grants) {
        fn.role.addToPrincipalPolicy(new iam.PolicyStatement({ actions, resources: [bucket.arnForObjects(`${prefix}*`)] }));
        Validations.of(fn.role).acknowledge({
          id: `AwsSolutions-IAM5[Resource::<${bucketId}.Arn>/${prefix}*]`,
          reason: `Object keys under ${prefix} cannot be listed in advance: ${why}; the wildcard is confined to that prefix.`,
        });
      }
    }
    // An upload never attached is removed; an attached one was copied out of uploads/ first.
    bucket.addLifecycleRule({ id: 'UnattachedUploads', prefix: UPLOADS_PREFIX, expiration: Duration.days(1), noncurrentVersionExpiration: Duration.days(1) });
    if (this.allowedOrigins.length > 0) {
      bucket.addCorsRule({
        allowedOrigins: [...this.allowedOrigins], allowedMethods: [s3.HttpMethods.PUT, s3.HttpMethods.GET],
        allowedHeaders: ['content-type'], exposedHeaders: ['etag'], maxAge: 600,
      });
    }
  }

  /** The invoke URL of the $default stage. */
  public get url(): string {
    return this.stage.url;
  }

  private addRoute(route: Route, tickets: TicketTable): SupportFunction {
    const name = pascalCase(route.entry);
    const routeKey = `${route.method} ${route.path}`;
    const fn = new SupportFunction(this, name, {
      entry: join(PROJECT_ROOT, 'functions', 'handlers', 'http', `${route.entry}.ts`),
      description: routeKey,
      environment: route.table === 'none' ? {} : { TABLE_NAME: tickets.table.tableName },
    });
    if (route.table === 'read') tickets.grantTicketRead(fn);
    if (route.table === 'write') tickets.grantTicketWrite(fn);

    const httpRoute = new HttpRoute(this, `${name}Route`, {
      httpApi: this.httpApi,
      routeKey: HttpRouteKey.with(route.path, HttpMethod[route.method]),
      integration: new HttpLambdaIntegration(`${name}Integration`, fn.function),
      authorizer: route.auth ? this.authorizer : new HttpNoneAuthorizer(),
    });
    if (!route.auth) {
      Validations.of(httpRoute).acknowledge({
        id: 'AwsSolutions-APIG4',
        // routes.ts is where a route is made public, reviewed there; today only GET /openapi.json.
        reason: `${routeKey} is public by design (auth: false in functions/handlers/http/routes.ts, e.g. the OpenAPI document)${route.table === 'none' ? '; its function has no table access' : ''}.`,
      });
    }
    return fn;
  }
}

const pascalCase = (kebab: string): string =>
  kebab.split('-').map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join('');
