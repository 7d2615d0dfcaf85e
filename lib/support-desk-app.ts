import type { App } from 'aws-cdk-lib';
import { ApiEdgeStack } from './api-edge-stack.js';
import { readApiRateLimits, readFirewallEnabled } from './rate-limit-firewall.js';
import { readStageContext } from './stage-context.js';
import { SupportDeskStack } from './support-desk-stack.js';

// Lower-case region names as AWS writes them (`eu-west-1`, `il-central-1`).
const REGION_PATTERN = /^[a-z]{2}(-[a-z]+)+-\d$/;

/**
 * The desk's stacks, as `cdk synth` builds them (bin/app.ts): `SupportDesk-<stage>`, and with the
 * firewall on (context `firewall`, on in prod) `SupportDesk-<stage>-edge` in us-east-1 holding the
 * API's CLOUDFRONT web ACL. Without the firewall the desk stays environment-agnostic (synthesizes
 * offline, deploys where the CLI points); with it, a cross-region reference needs both regions
 * named: context `region`, else the CLI's default region (CDK_DEFAULT_REGION).
 */
export function addSupportDesk(app: App): { desk: SupportDeskStack; edge?: ApiEdgeStack } {
  const stageContext = readStageContext(app);
  const { stage } = stageContext;
  const name = `SupportDesk-${stage}`;
  if (!readFirewallEnabled(app)) {
    return { desk: new SupportDeskStack(app, name, { description: `Support desk back end (${stage})`, stageContext }) };
  }
  const region: unknown = app.node.tryGetContext('region') ?? process.env.CDK_DEFAULT_REGION;
  if (typeof region !== 'string' || !REGION_PATTERN.test(region)) {
    throw new Error(`context "region" (or the CLI's default region) must name the stack's AWS region when the firewall is on (the API's web ACL lives in us-east-1 and is referenced across regions), got ${JSON.stringify(region)}`);
  }
  const edge = new ApiEdgeStack(app, `${name}-edge`, {
    description: `Support desk: the API's per-client rate limits, a CloudFront web ACL (${stage})`,
    limits: readApiRateLimits(app),
  });
  const desk = new SupportDeskStack(app, name, {
    description: `Support desk back end (${stage})`,
    stageContext,
    env: { region },
    // With cdk.json's weak references (Fn::GetStackOutput) CDK needs no helper resources; this
    // keeps the reference working should the app switch to strong ones (ExportWriter/Reader).
    crossRegionReferences: true,
    apiFirewall: edge.firewall,
  });
  return { desk, edge };
}
