import { join } from 'node:path';
import { Duration, Stack, Validations } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import {
  type CfnStage, CorsHttpMethod, HttpApi, HttpMethod, HttpNoneAuthorizer, HttpRoute, HttpRouteKey, type HttpStage, LogGroupLogDestination, type ThrottleSettings,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type * as cognito from 'aws-cdk-lib/aws-cognito';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { CORS_ALLOW_HEADERS, CORS_EXPOSE_HEADERS, type Route } from '../functions/handlers/http/routes.js';
import { apiFunctionGroups, type ApiFunctionGroup } from './api-layout.js';
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

/**
 * Tighter limits for the routes that read a whole period (every ticket of an organisation, every
 * organisation's compliance) or start an email: a few a second is a busy office's worth. HTTP API
 * throttles a route for all its callers together; per client, see RateLimitFirewall.
 */
export const DEFAULT_ROUTE_THROTTLES: Readonly<Record<string, ThrottleSettings>> = {
  'GET /organisations/{id}/report': { rateLimit: 5, burstLimit: 10 },
  'POST /organisations/{id}/report-emails': { rateLimit: 2, burstLimit: 5 },
  'GET /reports/compliance': { rateLimit: 2, burstLimit: 5 },
  'GET /organisations/{id}/statements/{month}': { rateLimit: 5, burstLimit: 10 },
};

export type SupportApiProps = {
  /** Every route (functions/handlers/http/routes.ts), served by the functions of lib/api-layout.ts. */
  readonly routes: readonly Route[];
  readonly tickets: TicketTable;
  /** Whose ID tokens the JWT authorizer accepts. */
  readonly identity: { readonly userPool: cognito.IUserPool; readonly userPoolClient: cognito.IUserPoolClient };
  /** @default 50 requests per second, bursts of 100 */
  readonly throttle?: ThrottleSettings;
  /** Limits of single routes by route key (`GET /reports/compliance`). @default DEFAULT_ROUTE_THROTTLES */
  readonly routeThrottles?: Readonly<Record<string, ThrottleSettings>>;
  /**
   * Browser origins allowed to call the API and the attachment bucket (the portal's CloudFront
   * origin, `https://d111.cloudfront.net`). @default none: no CORS at all
   */
  readonly allowedOrigins?: readonly string[];
  /**
   * Browser origins allowed to PUT and GET attachment objects through signed URLs (the bucket's
   * CORS), when they differ from allowedOrigins: the portal that calls the API on its own origin
   * (Portal.serveApi) needs no CORS from the API, but still uploads to the bucket. @default allowedOrigins
   */
  readonly uploadOrigins?: readonly string[];
};

export { CORS_ALLOW_HEADERS, CORS_EXPOSE_HEADERS }; // one list for the HTTP API and the local stack (routes.ts)

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

/** The public HTTP API: a function per set of grants routing by route key, the routes behind a Cognito JWT authorizer. */
export class SupportApi extends Construct {
  public readonly httpApi: HttpApi;
  public readonly stage: HttpStage;
  public readonly accessLogGroup: logs.LogGroup;
  public readonly authorizer: HttpJwtAuthorizer;
  /** The function serving each route, by the route's entry (`create-ticket`); routes share functions. */
  public readonly functions: ReadonlyMap<string, SupportFunction>;
  private readonly identity: SupportApiProps['identity'];
  /** The `$default` route's function: unknown routes 404, wrong methods 405, as problem+json. */
  public readonly defaultRouteFunction: SupportFunction;
  /** The browser origins allowed (CORS); empty: none. */
  public readonly allowedOrigins: readonly string[];
  /** The browser origins allowed to use attachment URLs (the bucket's CORS); empty: none. */
  public readonly uploadOrigins: readonly string[];

  constructor(scope: Construct, id: string, props: SupportApiProps) {
    super(scope, id);
    // Kept (default RETAIN) after a stack deletion: access logs are an audit trail.
    this.accessLogGroup = new logs.LogGroup(this, 'AccessLogs', { retention: logs.RetentionDays.ONE_YEAR });

    // CORS for the portal's origin only; none until one is given. API Gateway answers the
    // preflight itself, before any route or authorizer.
    // HttpApiProps has no access-log option for the stage it creates, so the $default
    // stage is added here instead of by createDefaultStage.
    this.allowedOrigins = [...(props.allowedOrigins ?? [])];
    this.uploadOrigins = [...(props.uploadOrigins ?? this.allowedOrigins)];
    this.httpApi = new HttpApi(this, 'HttpApi', {
      apiName: Stack.of(this).stackName, // tells the stages apart in the console
      createDefaultStage: false,
      ...(this.allowedOrigins.length > 0 ? {
        corsPreflight: {
          allowOrigins: [...this.allowedOrigins],
          allowMethods: [CorsHttpMethod.GET, CorsHttpMethod.POST, CorsHttpMethod.PUT, CorsHttpMethod.PATCH, CorsHttpMethod.DELETE],
          allowHeaders: [...CORS_ALLOW_HEADERS],
          exposeHeaders: [...CORS_EXPOSE_HEADERS],
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

    this.identity = props.identity;
    // The layout (lib/api-layout.ts): one function per part of the desk and set of grants, routing by route key.
    const functions = new Map<string, SupportFunction>();
    const httpRoutes = new Map<string, HttpRoute>();
    for (const group of apiFunctionGroups(props.routes)) {
      const fn = this.addFunction(group, props.tickets, httpRoutes);
      for (const route of group.routes) functions.set(route.entry, fn);
    }
    this.functions = functions;
    this.throttleRoutes(props.routeThrottles ?? DEFAULT_ROUTE_THROTTLES, httpRoutes);
    this.defaultRouteFunction = this.addDefaultRoute();
  }

  /** Per-route limits on the stage (CloudFormation's RouteSettings; the L2 stage sets only the default). */
  private throttleRoutes(throttles: Readonly<Record<string, ThrottleSettings>>, routes: ReadonlyMap<string, HttpRoute>): void {
    const stage = this.stage.node.defaultChild as CfnStage;
    // RouteSettings is untyped JSON in the L1: its keys go to CloudFormation as written.
    const settings: Record<string, { ThrottlingRateLimit?: number; ThrottlingBurstLimit?: number }> = {};
    for (const [key, throttle] of Object.entries(throttles)) {
      const route = routes.get(key);
      if (!route) throw new Error(`routeThrottles names ${key}, which is not a route`);
      settings[key] = { ThrottlingRateLimit: throttle.rateLimit, ThrottlingBurstLimit: throttle.burstLimit };
      stage.node.addDependency(route); // a stage's route settings may only name routes that exist
    }
    if (Object.keys(settings).length > 0) stage.routeSettings = settings;
  }

  /**
   * What no route takes: a 404, or a 405 with Allow for a known path, as problem+json. Public:
   * an unknown path has nothing to protect, and the function reads nothing.
   */
  private addDefaultRoute(): SupportFunction {
    const fn = new SupportFunction(this, 'RouteNotFound', {
      entry: join(PROJECT_ROOT, 'functions', 'handlers', 'http', 'route-not-found.ts'),
      description: '$default: unknown routes 404, wrong methods 405 (problem+json)',
      tracing: false, // as the API's functions: nothing to trace, and the Tracer costs its cold start
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
    const granted = new Set<string>(); // routes share functions (lib/api-layout.ts): each grant once per function
    for (const [entry, grants] of Object.entries(ATTACHMENT_ACCESS)) {
      const fn = this.functions.get(entry);
      if (!fn) continue;
      fn.function.addEnvironment('ATTACHMENT_BUCKET', bucket.bucketName);
      for (const { actions, prefix, why } of grants) {
        const grant = `${fn.node.path} ${actions.join()} ${prefix}`;
        if (granted.has(grant)) continue;
        granted.add(grant);
        fn.role.addToPrincipalPolicy(new iam.PolicyStatement({ actions, resources: [bucket.arnForObjects(`${prefix}*`)] }));
        if (granted.has(`${fn.node.path} ${prefix}`)) continue; // one acknowledgement per prefix
        granted.add(`${fn.node.path} ${prefix}`);
        Validations.of(fn.role).acknowledge({
          id: `AwsSolutions-IAM5[Resource::<${bucketId}.Arn>/${prefix}*]`,
          reason: `Object keys under ${prefix} cannot be listed in advance: ${why}; the wildcard is confined to that prefix.`,
        });
      }
    }
    // An upload never attached is removed; an attached one was copied out of uploads/ first.
    bucket.addLifecycleRule({ id: 'UnattachedUploads', prefix: UPLOADS_PREFIX, expiration: Duration.days(1), noncurrentVersionExpiration: Duration.days(1) });
    if (this.uploadOrigins.length > 0) {
      bucket.addCorsRule({
        allowedOrigins: [...this.uploadOrigins], allowedMethods: [s3.HttpMethods.PUT, s3.HttpMethods.GET],
        allowedHeaders: ['content-type'], exposedHeaders: ['etag'], maxAge: 600,
      });
    }
  }

  /**
   * Every API function refuses a request without `secret` in ORIGIN_VERIFY_HEADER (router.ts):
   * where CloudFront, with the web ACL, is the API's only way in (Portal.serveApi's originSecret).
   */
  public requireOrigin(secret: string): void {
    for (const fn of new Set(this.functions.values())) fn.function.addEnvironment('ORIGIN_VERIFY', secret);
  }

  /** The invoke URL of the $default stage. */
  public get url(): string {
    return this.stage.url;
  }

  private addFunction(group: ApiFunctionGroup, tickets: TicketTable, httpRoutes: Map<string, HttpRoute>): SupportFunction {
    const touchesTable = group.routes.some((r) => r.table !== 'none');
    const fn = new SupportFunction(this, group.name, {
      entry: join(PROJECT_ROOT, 'functions', 'handlers', 'http', 'api', `${group.file}.ts`), // its routes' modules only
      description: `${group.name}: ${group.routes.length} routes of the HTTP API (lib/api-layout.ts)`,
      tracing: false, // the Tracer's cold-start cost on every API instance (README, bench:coldstart)
      environment: {
        ...(touchesTable ? { TABLE_NAME: tickets.table.tableName } : {}),
        // Routes without an authorizer: the function verifies a token sent (functions/handlers/http/optional-auth.ts).
        ...(group.routes.some((r) => r.tokenOptional) ? { USER_POOL_ID: this.identity.userPool.userPoolId, USER_POOL_CLIENT_ID: this.identity.userPoolClient.userPoolClientId } : {}),
      },
    });
    // The union of its routes' grants.
    if (group.routes.some((r) => r.table === 'write')) tickets.grantTicketWrite(fn);
    else if (touchesTable) tickets.grantTicketRead(fn);

    const integration = new HttpLambdaIntegration(`${group.name}Integration`, fn.function);
    for (const route of group.routes) httpRoutes.set(`${route.method} ${route.path}`, this.addRoute(route, integration));
    return fn;
  }

  private addRoute(route: Route, integration: HttpLambdaIntegration): HttpRoute {
    const name = pascalCase(route.entry);
    const routeKey = `${route.method} ${route.path}`;
    const httpRoute = new HttpRoute(this, `${name}Route`, {
      httpApi: this.httpApi,
      routeKey: HttpRouteKey.with(route.path, HttpMethod[route.method]),
      integration,
      authorizer: route.auth ? this.authorizer : new HttpNoneAuthorizer(),
    });
    if (!route.auth) {
      Validations.of(httpRoute).acknowledge({
        id: 'AwsSolutions-APIG4',
        // routes.ts is where a route is made public, reviewed there; today only GET /openapi.json.
        reason: route.tokenOptional
          ? `${routeKey} answers anonymous callers by design (public knowledge-base articles, R-KB-1); a token sent is verified by the function itself against the user pool (aws-jwt-verify), and a bad one is refused.`
          : `${routeKey} is public by design (auth: false in functions/handlers/http/routes.ts, e.g. the OpenAPI document); its code reads nothing from the table.`,
      });
    }
    return httpRoute;
  }
}

const pascalCase = (kebab: string): string =>
  kebab.split('-').map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join('');
