import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Duration, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { PROJECT_ROOT, SupportFunction } from '../../lib/support-function.js';
import { nagFindings, newApp, SYNTH_TIMEOUT_MS } from './cdk-app.js';

// A real entry that uses the AWS SDK, bundled for real: esbuild locally, never Docker.
const ENTRY = join(PROJECT_ROOT, 'functions', 'handlers', 'http', 'get-ticket.ts');

let stack: Stack;
let template: Template;
let bundleDir: string;

beforeAll(() => {
  const app = newApp();
  stack = new Stack(app, 'Function-test');
  new SupportFunction(stack, 'Fn', { entry: ENTRY, description: 'a test function', environment: { STAGE_NAME: 'test' } });
  new SupportFunction(stack, 'Sized', { entry: ENTRY, memorySize: 1024, timeout: Duration.seconds(3) });
  template = Template.fromStack(stack);
  // Both functions have the same entry and bundling options, hence one bundle.
  const outdir = app.synth().directory;
  const bundles = readdirSync(outdir).filter((name) => name.startsWith('asset.'));
  expect(bundles).toHaveLength(1);
  bundleDir = join(outdir, bundles[0]!);
}, SYNTH_TIMEOUT_MS);

describe('SupportFunction', () => {
  it('runs Node.js 24 on arm64 with 512 MB and 10 s by default, source maps on', () => {
    template.hasResourceProperties('AWS::Lambda::Function', Match.objectLike({
      Description: 'a test function',
      Runtime: 'nodejs24.x',
      Architectures: ['arm64'],
      MemorySize: 512,
      Timeout: 10,
      Handler: 'index.handler',
      Environment: { Variables: { STAGE_NAME: 'test', NODE_OPTIONS: '--enable-source-maps' } },
    }));
  });

  it('takes memory and timeout from its props', () => {
    template.hasResourceProperties('AWS::Lambda::Function', Match.objectLike({ MemorySize: 1024, Timeout: 3 }));
  });

  it('logs to its own log group, kept a year, through a role with no managed policy', () => {
    template.resourceCountIs('AWS::Logs::LogGroup', 2);
    template.allResourcesProperties('AWS::Logs::LogGroup', { RetentionInDays: 365 });
    template.allResourcesProperties('AWS::IAM::Role', Match.objectLike({ ManagedPolicyArns: Match.absent() }));
    template.hasResourceProperties('AWS::Lambda::Function', Match.objectLike({
      LoggingConfig: { LogGroup: { Ref: Match.stringLikeRegexp('^FnLogs') } },
    }));
    template.hasResourceProperties('AWS::IAM::Policy', Match.objectLike({
      PolicyDocument: Match.objectLike({
        // Its log group, and X-Ray (active tracing, on unless a function opts out: the API's do).
        Statement: [
          { Effect: 'Allow', Action: ['logs:CreateLogStream', 'logs:PutLogEvents'], Resource: { 'Fn::GetAtt': [Match.stringLikeRegexp('^FnLogs'), 'Arn'] } },
          { Effect: 'Allow', Action: ['xray:PutTelemetryRecords', 'xray:PutTraceSegments'], Resource: '*' },
        ],
      }),
      Roles: [{ Ref: Match.stringLikeRegexp('^FnRole') }],
    }));
  });

  it('is bundled locally as minified ESM with a require shim, a source map, and the AWS SDK inside', () => {
    const code = readFileSync(join(bundleDir, 'index.mjs'), 'utf8');
    expect(code.startsWith("import { createRequire as __bannerCreateRequire } from 'node:module';")).toBe(true);
    expect(existsSync(join(bundleDir, 'index.mjs.map'))).toBe(true);
    expect(code.length / code.split('\n').length).toBeGreaterThan(1000); // minified: long lines
    expect(code).toContain('DynamoDBClient'); // the SDK is in the bundle (class names survive minifying)...
    // ...and no module import is left to the runtime's copy. (The SDK's optional SigV4a/CRT
    // signers stay a guarded require that only multi-region endpoints reach.)
    expect(code).not.toMatch(/(from|import\()\s*["']@aws-sdk\//);
  });

  it('has no AwsSolutions findings', () => {
    expect(nagFindings(stack)).toEqual([]);
  });
});
