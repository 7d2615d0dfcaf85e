import { join } from 'node:path';
import { Stack, Validations } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import {
  type CfnStage, HttpApi, HttpMethod, HttpNoneAuthorizer, HttpRoute, HttpRouteKey, type HttpStage, LogGroupLogDestination, type ThrottleSettings,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type * as cognito from 'aws-cdk-lib/aws-cognito';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { Route } from '../functions/handlers/http/routes.js';
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
};

/** The public HTTP API: a function per set of grants routing by route key, the routes behind a Cognito JWT authorizer. */
export class SupportApi extends Construct {
  public readonly httpApi: HttpApi;
  public readonly stage: HttpStage;
  public readonly accessLogGroup: logs.LogGroup;
  public readonly authorizer: HttpJwtAuthorizer;
  /** The function serving each route, by the route's entry (`create-ticket`); routes share functions. */
  public readonly functions: ReadonlyMap<string, SupportFunction>;

  constructor(scope: Construct, id: string, props: SupportApiProps) {
    super(scope, id);
    // Kept (default RETAIN) after a stack deletion: access logs are an audit trail.
    this.accessLogGroup = new logs.LogGroup(this, 'AccessLogs', { retention: logs.RetentionDays.ONE_YEAR });

    // No corsPreflight: CORS stays off until a browser client needs it.
    // HttpApiProps has no access-log option for the stage it creates, so the $default
    // stage is added here instead of by createDefaultStage.
    this.httpApi = new HttpApi(this, 'HttpApi', {
      apiName: Stack.of(this).stackName, // tells the stages apart in the console
      createDefaultStage: false,
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

    // The layout (lib/api-layout.ts): one function per set of grants, routing by route key.
    const functions = new Map<string, SupportFunction>();
    const httpRoutes = new Map<string, HttpRoute>();
    for (const group of apiFunctionGroups(props.routes)) {
      const fn = this.addFunction(group, props.tickets, httpRoutes);
      for (const route of group.routes) functions.set(route.entry, fn);
    }
    this.functions = functions;
    this.throttleRoutes(props.routeThrottles ?? DEFAULT_ROUTE_THROTTLES, httpRoutes);
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

  /** The invoke URL of the $default stage. */
  public get url(): string {
    return this.stage.url;
  }

  private addFunction(group: ApiFunctionGroup, tickets: TicketTable, httpRoutes: Map<string, HttpRoute>): SupportFunction {
    const touchesTable = group.routes.some((r) => r.table !== 'none');
    const fn = new SupportFunction(this, group.name, {
      entry: join(PROJECT_ROOT, 'functions', 'handlers', 'http', 'api.ts'),
      description: `${group.name}: ${group.routes.length} routes of the HTTP API (lib/api-layout.ts)`,
      tracing: false, // the Tracer's cold-start cost on every API instance (README, bench:coldstart)
      environment: {
        ROUTE_ENTRIES: group.routes.map((r) => r.entry).join(','), // the routes it may load (functions/handlers/http/api.ts)
        ...(touchesTable ? { TABLE_NAME: tickets.table.tableName } : {}),
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
        reason: `${routeKey} is public by design (auth: false in functions/handlers/http/routes.ts, e.g. the OpenAPI document); its code reads nothing from the table.`,
      });
    }
    return httpRoute;
  }
}

const pascalCase = (kebab: string): string =>
  kebab.split('-').map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join('');
