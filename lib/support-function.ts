import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Duration, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { Charset, NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { BUNDLE_ALIAS_ARGS } from './bundle-aliases.js';

/** The repository root: the bundling project root, where package-lock.json lives. */
export const PROJECT_ROOT = fileURLToPath(new URL('..', import.meta.url));

// esbuild writes ESM, but some bundled dependencies are CommonJS and call `require`: the
// banner gives them one. The alias keeps clear of any top-level name in the bundle.
const ESM_REQUIRE_BANNER =
  "import { createRequire as __bannerCreateRequire } from 'node:module'; const require = __bannerCreateRequire(import.meta.url);";

/**
 * How every function is bundled (esbuild, through NodejsFunction); bench/coldstart.ts builds the
 * same bundles from these options.
 */
export const BUNDLING = {
  format: OutputFormat.ESM, // with --bundle, ESM is what lets esbuild tree-shake
  target: 'node24',
  mainFields: ['module', 'main'],
  minify: true,
  // Non-ASCII kept as UTF-8, not \uXXXX escapes: the Hebrew of the mail templates and the search
  // analyzer, and mail parsing's charset tables, are a third of the size (inbound mail -470 KB).
  charset: Charset.UTF8,
  sourceMap: true,
  sourcesContent: false, // stack traces need the mappings, not a copy of the sources
  banner: ESM_REQUIRE_BANNER,
  // Bundle the AWS SDK too (by default it is left to the runtime's copy): the SDK versions
  // pinned in package-lock.json and tested are then the versions deployed.
  externalModules: [] as string[],
  esbuildArgs: BUNDLE_ALIAS_ARGS, // small stand-ins for what mailauth pulls in (lib/bundle-aliases.ts)
} as const;

export type SupportFunctionProps = {
  /** The handler file (absolute path); it exports `handler`. */
  readonly entry: string;
  readonly description?: string;
  readonly environment?: Readonly<Record<string, string>>;
  /** @default 512 */
  readonly memorySize?: number;
  /** @default 10 seconds */
  readonly timeout?: Duration;
  /**
   * A fixed name, only for a function that must know its own ARN before CloudFormation names it
   * (the timer is the target of the schedules it re-arms). @default a generated name
   */
  readonly functionName?: string;
  /**
   * X-Ray active tracing, which the handler's Tracer (functions/adapters/tracing.ts) writes to.
   * The API functions go without it (its cold-start cost, README). @default true
   */
  readonly tracing?: boolean;
  /** Powertools' log level (POWERTOOLS_LOG_LEVEL). @default 'INFO' */
  readonly logLevel?: 'DEBUG' | 'INFO' | 'WARN' | 'ERROR';
};

/** Powertools' service name and metrics namespace on every function: functions/adapters/{logger,metrics}.ts and lib/monitoring.ts agree on them. */
export const POWERTOOLS_SERVICE_NAME = 'support-desk';
export const POWERTOOLS_METRICS_NAMESPACE = 'SupportDesk';

/**
 * One Lambda function as every function of the desk is built: Node.js 24 on arm64, bundled
 * locally by esbuild (ESM, minified, tree-shaken, source maps), its own log group kept a
 * year, and its own role that may only write to that log group until granted more.
 */
export class SupportFunction extends Construct implements iam.IGrantable {
  public readonly function: NodejsFunction;
  public readonly role: iam.Role;
  public readonly logGroup: logs.LogGroup;
  public readonly grantPrincipal: iam.IPrincipal;

  constructor(scope: Construct, id: string, props: SupportFunctionProps) {
    super(scope, id);
    assertLocalEsbuild(this);

    // Kept (default RETAIN) after a stack deletion, like the API's access logs: an audit trail.
    this.logGroup = new logs.LogGroup(this, 'Logs', { retention: logs.RetentionDays.ONE_YEAR });

    // An explicit role instead of AWSLambdaBasicExecutionRole (AwsSolutions-IAM4), which may
    // create log groups and write to any of them; this one writes to its own group only.
    this.role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: props.description,
    });
    this.grantPrincipal = this.role;
    // The log group's Arn attribute already ends in `:*`, i.e. covers its streams and no other
    // group's: Lambda names streams per instance, so they cannot be listed in advance.
    this.role.addToPrincipalPolicy(new iam.PolicyStatement({
      actions: ['logs:CreateLogStream', 'logs:PutLogEvents'],
      resources: [this.logGroup.logGroupArn],
    }));

    this.function = new NodejsFunction(this, 'Function', {
      entry: props.entry,
      handler: 'handler',
      functionName: props.functionName,
      description: props.description,
      runtime: lambda.Runtime.NODEJS_24_X,
      architecture: lambda.Architecture.ARM_64,
      memorySize: props.memorySize ?? 512,
      timeout: props.timeout ?? Duration.seconds(10),
      role: this.role,
      logGroup: this.logGroup,
      projectRoot: PROJECT_ROOT,
      depsLockFilePath: join(PROJECT_ROOT, 'package-lock.json'),
      environment: {
        ...props.environment,
        // Stack traces point at the TypeScript sources, through the bundled .map files (~15 ms of a
        // cold start, bench:coldstart: an error's stack that names our code is worth it).
        NODE_OPTIONS: '--enable-source-maps',
        POWERTOOLS_SERVICE_NAME,
        POWERTOOLS_METRICS_NAMESPACE,
        POWERTOOLS_LOG_LEVEL: props.logLevel ?? 'INFO',
      },
      tracing: (props.tracing ?? true) ? lambda.Tracing.ACTIVE : lambda.Tracing.DISABLED,
      bundling: { forceDockerBundling: false, ...BUNDLING, mainFields: [...BUNDLING.mainFields], externalModules: [...BUNDLING.externalModules] },
    });
    if (props.tracing ?? true) {
      Validations.of(this.role).acknowledge({
        id: 'AwsSolutions-IAM5[Resource::*]',
        reason: 'xray:PutTraceSegments and xray:PutTelemetryRecords, which active tracing adds, have no resource type (they only take "*").',
      });
    }
  }
}

// NodejsFunction quietly falls back to bundling in Docker when it cannot find esbuild; the
// synth must stay local and offline, so a missing esbuild is an error here instead.
function assertLocalEsbuild(scope: Construct): void {
  try {
    createRequire(join(PROJECT_ROOT, 'package.json')).resolve('esbuild');
  } catch (cause) {
    throw new Error(
      `${scope.node.path}: esbuild (a devDependency) is not installed under ${PROJECT_ROOT}; refusing to fall back to Docker bundling`,
      { cause },
    );
  }
}
