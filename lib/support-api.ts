import { Stack } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import { HttpApi, type HttpStage, LogGroupLogDestination } from 'aws-cdk-lib/aws-apigatewayv2';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';

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

/** The public HTTP API; routes and its JWT authorizer are added by later constructs. */
export class SupportApi extends Construct {
  public readonly httpApi: HttpApi;
  public readonly stage: HttpStage;
  public readonly accessLogGroup: logs.LogGroup;

  constructor(scope: Construct, id: string) {
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
      accessLogSettings: {
        destination: new LogGroupLogDestination(this.accessLogGroup),
        format: ACCESS_LOG_FORMAT,
      },
    });
  }

  /** The invoke URL of the $default stage. */
  public get url(): string {
    return this.stage.url;
  }
}
