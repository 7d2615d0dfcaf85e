// Rate limits per client as well as the global ones (issue 13, item 4). WAF cannot be associated
// with an HTTP API, so: per-route throttles on the API's stage, and a web ACL with per-client rate
// rules on the user pool, on by default in prod (lib/rate-limit-firewall.ts says why).
import { App, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { beforeAll, describe, expect, it } from 'vitest';
import { RateLimitFirewall, readFirewallEnabled } from '../../lib/rate-limit-firewall.js';
import { DEFAULT_ROUTE_THROTTLES } from '../../lib/support-api.js';
import { SupportDeskStack } from '../../lib/support-desk-stack.js';
import { nagFindings, newApp, SYNTH_TIMEOUT_MS, theResource } from './cdk-app.js';

const person = (email: string) => ({ email, name: email.split('@')[0], language: 'he' });
const ROSTER = JSON.stringify({
  tierDuty: { 1: person('t1@support.center.example'), 2: person('t2@support.center.example'), 3: person('t3@support.center.example'), 4: person('t4@support.center.example') },
  hos: person('hos@support.center.example'), cco: person('cco@support.center.example'),
});

/** A stack of the desk, unbundled, with `context` on top of cdk.json's. */
const deskStack = (context: Record<string, unknown>) => {
  const app = newApp({ bundle: false });
  for (const [key, value] of Object.entries(context)) app.node.setContext(key, value);
  return new SupportDeskStack(app, 'SupportDesk-test');
};

describe('RateLimitFirewall', () => {
  const stack = new Stack(new App(), 'Waf');
  const pool = new cognito.UserPool(stack, 'Pool');
  new RateLimitFirewall(stack, 'Firewall').protect('Association', pool.userPoolArn);
  const template = Template.fromStack(stack);

  it('answers 429 to a client IP address over 1000 requests, and to a bearer token over 600, per 5 minutes', () => {
    template.hasResourceProperties('AWS::WAFv2::WebACL', {
      Scope: 'REGIONAL',
      DefaultAction: { Allow: {} },
      Rules: [
        Match.objectLike({
          Name: 'RatePerClientIp', Action: { Block: { CustomResponse: { ResponseCode: 429 } } },
          Statement: { RateBasedStatement: { AggregateKeyType: 'IP', Limit: 1000, EvaluationWindowSec: 300 } },
        }),
        Match.objectLike({
          Name: 'RatePerBearerToken', Action: { Block: { CustomResponse: { ResponseCode: 429 } } },
          Statement: { RateBasedStatement: Match.objectLike({ AggregateKeyType: 'CUSTOM_KEYS', Limit: 600, CustomKeys: [{ Header: Match.objectLike({ Name: 'authorization' }) }] }) },
        }),
      ],
    });
  });

  it('puts the user pool behind it', () => {
    const [poolId] = Object.keys(template.findResources('AWS::Cognito::UserPool'));
    template.hasResourceProperties('AWS::WAFv2::WebACLAssociation', { ResourceArn: { 'Fn::GetAtt': [poolId, 'Arn'] }, WebACLArn: { 'Fn::GetAtt': [Match.anyValue(), 'Arn'] } });
  });
});

describe('readFirewallEnabled: optional by context, on by default in prod', () => {
  const enabled = (context: Record<string, unknown>) => readFirewallEnabled(new App({ context }));
  it('is on in prod, off in other stages', () => {
    expect(enabled({ stage: 'prod' })).toBe(true);
    expect(enabled({})).toBe(false);
    expect(enabled({ stage: 'staging' })).toBe(false);
  });
  it('follows context firewall=true|false (from cdk.json a boolean, from -c a string)', () => {
    expect(enabled({ stage: 'prod', firewall: 'false' })).toBe(false);
    expect(enabled({ stage: 'prod', firewall: false })).toBe(false);
    expect(enabled({ firewall: 'true' })).toBe(true);
    expect(() => enabled({ firewall: 'yes' })).toThrow(/context "firewall"/);
  });
});

describe('the desk stack', () => {
  let prod: SupportDeskStack;
  let prodTemplate: Template;
  beforeAll(() => {
    prod = deskStack({ stage: 'prod', staffRoster: ROSTER });
    prodTemplate = Template.fromStack(prod);
  }, SYNTH_TIMEOUT_MS);

  it('in prod, the user pool is behind the firewall, and cdk-nag stays clean', () => {
    prodTemplate.resourceCountIs('AWS::WAFv2::WebACL', 1);
    const [poolId] = Object.keys(prodTemplate.findResources('AWS::Cognito::UserPool'));
    prodTemplate.hasResourceProperties('AWS::WAFv2::WebACLAssociation', { ResourceArn: { 'Fn::GetAtt': [poolId, 'Arn'] } });
    expect(nagFindings(prod)).toEqual([]);
  });

  it('with firewall=false, or in dev, there is no web ACL', () => {
    Template.fromStack(deskStack({ stage: 'prod', staffRoster: ROSTER, firewall: 'false' })).resourceCountIs('AWS::WAFv2::WebACL', 0);
  }, SYNTH_TIMEOUT_MS);

  it('throttles the routes that read a whole period tighter than the stage default, once the routes exist', () => {
    const [stageId, stage] = theResource(prodTemplate, 'AWS::ApiGatewayV2::Stage', { StageName: '$default' });
    expect(stage.Properties.DefaultRouteSettings).toMatchObject({ ThrottlingRateLimit: 50, ThrottlingBurstLimit: 100 });
    expect(Object.keys(stage.Properties.RouteSettings).sort()).toEqual(Object.keys(DEFAULT_ROUTE_THROTTLES).sort());
    expect(stage.Properties.RouteSettings['GET /reports/compliance']).toEqual({ ThrottlingRateLimit: 2, ThrottlingBurstLimit: 5 });
    const routes = prodTemplate.findResources('AWS::ApiGatewayV2::Route');
    const reportRoute = Object.entries(routes).find(([, r]) => r.Properties.RouteKey === 'GET /organisations/{id}/report')![0];
    expect(prodTemplate.toJSON().Resources[stageId].DependsOn).toContain(reportRoute);
  });
});
