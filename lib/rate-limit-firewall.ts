import { Construct } from 'constructs';
import * as wafv2 from 'aws-cdk-lib/aws-wafv2';

// Rate limits per client, where AWS WAF can stand. WAF cannot be associated with an API Gateway
// HTTP API (only REST APIs, CloudFront, ALB, AppSync, Cognito user pools, App Runner, Verified
// Access, Amplify: AWS WAF developer guide, "Resources that you can protect"), so the desk's
// limits are: the HTTP API's own throttling per route (SupportApi, for everyone together), and a
// web ACL with per-client rate rules on the Cognito user pool, where every client must come for
// its tokens (sign-in, refresh). A CLOUDFRONT web ACL of this construct (created in us-east-1)
// can guard the portal's distribution the same way.

export type RateLimitFirewallProps = {
  /** REGIONAL for the user pool (the stack's region); CLOUDFRONT for a distribution (us-east-1 only). @default 'REGIONAL' */
  readonly scope?: 'REGIONAL' | 'CLOUDFRONT';
  /** Requests one client IP address may send per 5 minutes before WAF answers 429 for a while. @default 1000 */
  readonly requestsPerIp?: number;
  /** Requests one bearer token (one signed-in person) may send per 5 minutes. @default 600 */
  readonly requestsPerToken?: number;
};

const WINDOW_SECONDS = 300;

/** A web ACL that answers 429 to a client over its rate, counted per IP address and per bearer token. */
export class RateLimitFirewall extends Construct {
  public readonly webAcl: wafv2.CfnWebACL;

  constructor(scope: Construct, id: string, props: RateLimitFirewallProps = {}) {
    super(scope, id);
    const metric = (name: string) => ({ cloudWatchMetricsEnabled: true, sampledRequestsEnabled: true, metricName: name });
    const tooMany = { block: { customResponse: { responseCode: 429 } } };
    this.webAcl = new wafv2.CfnWebACL(this, 'WebAcl', {
      scope: props.scope ?? 'REGIONAL',
      defaultAction: { allow: {} },
      visibilityConfig: metric(`${id}WebAcl`),
      rules: [
        {
          name: 'RatePerClientIp', priority: 0, action: tooMany, visibilityConfig: metric(`${id}RatePerClientIp`),
          statement: { rateBasedStatement: { aggregateKeyType: 'IP', limit: props.requestsPerIp ?? 1000, evaluationWindowSec: WINDOW_SECONDS } },
        },
        {
          // Requests without the header are not counted here (the IP rule still counts them).
          name: 'RatePerBearerToken', priority: 1, action: tooMany, visibilityConfig: metric(`${id}RatePerBearerToken`),
          statement: { rateBasedStatement: {
            aggregateKeyType: 'CUSTOM_KEYS', limit: props.requestsPerToken ?? 600, evaluationWindowSec: WINDOW_SECONDS,
            customKeys: [{ header: { name: 'authorization', textTransformations: [{ priority: 0, type: 'NONE' }] } }],
          } },
        },
      ],
    });
  }

  /** Puts a regional resource (the user pool) behind the web ACL. */
  public protect(id: string, resourceArn: string): wafv2.CfnWebACLAssociation {
    return new wafv2.CfnWebACLAssociation(this, id, { resourceArn, webAclArn: this.webAcl.attrArn });
  }
}

/**
 * Whether the stage puts its user pool behind the firewall: context `firewall` (true or false),
 * by default on in prod and off elsewhere (WAF bills per web ACL and request).
 */
export function readFirewallEnabled(scope: Construct): boolean {
  const raw: unknown = scope.node.tryGetContext('firewall');
  if (raw === undefined) return (scope.node.tryGetContext('stage') ?? 'dev') === 'prod';
  if (raw === true || raw === 'true') return true;
  if (raw === false || raw === 'false') return false;
  throw new Error(`context "firewall" must be true or false, got ${JSON.stringify(raw)}`);
}
