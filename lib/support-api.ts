import { join } from 'node:path';
import { Stack, Validations } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import {
  HttpApi, HttpMethod, HttpNoneAuthorizer, HttpRoute, HttpRouteKey, type HttpStage, LogGroupLogDestination, type ThrottleSettings,
} from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import type * as cognito from 'aws-cdk-lib/aws-cognito';
import * as logs from 'aws-cdk-lib/aws-logs';
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
};

/** The public HTTP API: one function per route, the routes behind a Cognito JWT authorizer. */
export class SupportApi extends Construct {
  public readonly httpApi: HttpApi;
  public readonly stage: HttpStage;
  public readonly accessLogGroup: logs.LogGroup;
  public readonly authorizer: HttpJwtAuthorizer;
  /** Each route's function, by the route's entry (`create-ticket`). */
  public readonly functions: ReadonlyMap<string, SupportFunction>;
  private readonly identity: SupportApiProps['identity'];

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

    this.identity = props.identity;
    const functions = new Map<string, SupportFunction>();
    for (const route of props.routes) {
      functions.set(route.entry, this.addRoute(route, props.tickets));
    }
    this.functions = functions;
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
      environment: {
        ...(route.table === 'none' ? {} : { TABLE_NAME: tickets.table.tableName }),
        // No authorizer on these routes: the function verifies a token sent (functions/handlers/http/optional-auth.ts).
        ...(route.tokenOptional ? { USER_POOL_ID: this.identity.userPool.userPoolId, USER_POOL_CLIENT_ID: this.identity.userPoolClient.userPoolClientId } : {}),
      },
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
        reason: route.tokenOptional
          ? `${routeKey} answers anonymous callers by design (public knowledge-base articles, R-KB-1); a token sent is verified by the function itself against the user pool (aws-jwt-verify), and a bad one is refused.`
          : `${routeKey} is public by design (auth: false in functions/handlers/http/routes.ts, e.g. the OpenAPI document)${route.table === 'none' ? '; its function has no table access' : ''}.`,
      });
    }
    return fn;
  }
}

const pascalCase = (kebab: string): string =>
  kebab.split('-').map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join('');
