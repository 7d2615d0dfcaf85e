import { readFileSync } from 'node:fs';
import { App } from 'aws-cdk-lib';
import type { Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';

// `cdk synth` applies cdk.json's feature flags; a bare `new App()` would not, and the
// tests would check a different template from the one that gets deployed.
const cdkJson = JSON.parse(readFileSync(new URL('../../cdk.json', import.meta.url), 'utf8')) as {
  context: Record<string, unknown>;
};

/**
 * An app with cdk.json's context, as `cdk synth` builds it. `bundle: false` skips esbuild
 * (the context `cdk synth --exclusively` uses): the template is the same but for the code's
 * S3 key, so tests of the template need not wait for 15 bundles; the bundling itself is
 * tested where it matters (support-function.test.ts, and the full synth as bin/app.ts does it).
 */
export const newApp = ({ bundle = true }: { bundle?: boolean } = {}): App =>
  new App({ context: { ...cdkJson.context, ...(bundle ? {} : { 'aws:cdk:bundling-stacks': [] }) } });

/** Unacknowledged AwsSolutions findings (errors and warnings) as `rule (severity) at path` lines. */
export const nagFindings = (scope: IConstruct): string[] =>
  new AwsSolutionsChecks().validateScope(scope).violations.flatMap((v) =>
    v.violatingResources.map((r) => `${v.ruleName} (${v.severity}) at ${r.constructPath}`),
  );

type Resource = { Type: string; Properties: Record<string, any>; DependsOn?: string[] };

/** The one resource of `type` whose properties include `properties` (by value, top level); throws unless exactly one. */
export function theResource(template: Template, type: string, properties: Record<string, unknown>): [string, Resource] {
  const found = Object.entries(template.findResources(type) as Record<string, Resource>).filter(([, r]) =>
    Object.entries(properties).every(([k, v]) => JSON.stringify(r.Properties[k]) === JSON.stringify(v)));
  if (found.length !== 1) throw new Error(`expected one ${type} with ${JSON.stringify(properties)}, found ${found.length}`);
  return found[0]!;
}

/** The Lambda function serving `routeKey`, followed through the route's integration (routes share functions, lib/api-layout.ts). */
export function routeFunction(template: Template, routeKey: string): [string, Resource] {
  const [, route] = theResource(template, 'AWS::ApiGatewayV2::Route', { RouteKey: routeKey });
  const integrationId = (route.Properties.Target as { 'Fn::Join': [string, [string, { Ref: string }]] })['Fn::Join'][1][1].Ref;
  const integration = template.findResources('AWS::ApiGatewayV2::Integration')[integrationId] as Resource;
  const fnId = (integration.Properties.IntegrationUri as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];
  return [fnId, template.findResources('AWS::Lambda::Function')[fnId] as Resource];
}

/** Every policy statement attached to the role of the function `functionId`. */
export function statementsOfFunction(template: Template, functionId: string): { Action: string | string[]; Resource: unknown; Effect: string }[] {
  const fn = template.findResources('AWS::Lambda::Function')[functionId] as Resource;
  const roleId = (fn.Properties.Role as { 'Fn::GetAtt': [string, string] })['Fn::GetAtt'][0];
  const policies = Object.values(template.findResources('AWS::IAM::Policy') as Record<string, Resource>)
    .filter((p) => (p.Properties.Roles as unknown[]).some((r) => JSON.stringify(r) === JSON.stringify({ Ref: roleId })));
  return policies.flatMap((p) => p.Properties.PolicyDocument.Statement);
}

/** The actions a function's role allows, sorted and de-duplicated. */
export const actionsOfFunction = (template: Template, functionId: string): string[] =>
  [...new Set(statementsOfFunction(template, functionId).flatMap((s) => [s.Action].flat()))].sort();

/** For a hook or test that synthesizes a stack with bundled functions (esbuild, ~0.5 s each). */
export const SYNTH_TIMEOUT_MS = 120_000;

/**
 * Runs a CloudFront function's code (cloudfront-js-2.0, plain ES5 here) on a viewer request for
 * `uri`, as CloudFront would before forwarding it, and returns the URI it forwards.
 */
/** A viewer-response CloudFront function's code run on a response with `headers`; the headers it returns. */
export function runViewerResponse(code: string, headers: Record<string, { value: string }>): Record<string, { value: string }> {
  // eslint-disable-next-line @typescript-eslint/no-implied-eval -- the function's own source, from the template
  const handler = new Function(`${code}\nreturn handler;`)() as (event: unknown) => { headers: Record<string, { value: string }> };
  return handler({ version: '1.0', context: { eventType: 'viewer-response' }, viewer: { ip: '192.0.2.1' }, request: { method: 'POST', uri: '/api/tickets', querystring: {}, headers: {}, cookies: {} }, response: { statusCode: 201, statusDescription: 'Created', headers: structuredClone(headers), cookies: {} } }).headers;
}

export function runViewerRequest(code: string, uri: string): string {
  // eslint-disable-next-line @typescript-eslint/no-implied-eval -- the function's own source, from the template
  const handler = new Function(`${code}\nreturn handler;`)() as (event: unknown) => { uri: string };
  return handler({ version: '1.0', context: { eventType: 'viewer-request' }, viewer: { ip: '192.0.2.1' }, request: { method: 'GET', uri, querystring: {}, headers: {}, cookies: {} } }).uri;
}
