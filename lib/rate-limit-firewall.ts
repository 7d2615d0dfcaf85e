import { Duration, Stack } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as wafv2 from 'aws-cdk-lib/aws-wafv2';
import { Construct } from 'constructs';

// Rate limits per client, where AWS WAF can stand. WAF cannot be associated with an API Gateway
// HTTP API (only REST APIs, CloudFront, ALB, AppSync, Cognito user pools, App Runner, Verified
// Access, Amplify: AWS WAF developer guide, "Resources that you can protect"), so the desk puts
// the API behind the portal's CloudFront distribution (`/api/*`, lib/portal.ts) and guards that
// with a CLOUDFRONT web ACL of this construct (in us-east-1, lib/api-edge-stack.ts); a REGIONAL
// one guards the Cognito user pool, where every client comes for its tokens (sign-in, refresh).
// The HTTP API's own throttling per route (SupportApi) stays the limit for everyone together.

export type RateLimitFirewallProps = {
  /** REGIONAL for the user pool (the stack's region); CLOUDFRONT for a distribution (us-east-1 only). @default 'REGIONAL' */
  readonly scope?: 'REGIONAL' | 'CLOUDFRONT';
  /** Requests one client IP address may send per window before WAF answers 429 for a while: the ceiling over all its clients. @default 1000 */
  readonly requestsPerIp?: number;
  /** Requests one bearer token (one signed-in person) may send per window. @default 600 */
  readonly requestsPerToken?: number;
  /** Requests without a token one IP address may send per window (public articles, the OpenAPI document). @default no such rule */
  readonly requestsPerAnonymousIp?: number;
  /** The window WAF counts over: 60, 120, 300 or 600 seconds. @default 300 */
  readonly windowSeconds?: number;
  /**
   * Only requests whose path starts with it count for the per-token and anonymous rules (`/api/`: the
   * portal's files do not). WAF inspects the path as the viewer sent it, before CloudFront's functions.
   * @default every request
   */
  readonly pathPrefix?: string;
};

/** The limits' defaults (per window), stated in docs/operations.md. */
export const DEFAULT_RATE_LIMITS = { requestsPerIp: 1000, requestsPerToken: 600, requestsPerAnonymousIp: 300, windowSeconds: 300 } as const;
/** How long a client over its rate is told to wait: WAF re-checks its rate every minute or so. */
export const RETRY_AFTER_SECONDS = 60;
const BODY_KEY = 'too-many-requests';
const WINDOWS = [60, 120, 300, 600];

/**
 * A web ACL that answers 429 with a problem+json body to a client over its rate, counted per IP
 * address, per bearer token and, when asked, per IP address among anonymous requests.
 */
export class RateLimitFirewall extends Construct {
  public readonly webAcl: wafv2.CfnWebACL;
  public readonly scope: 'REGIONAL' | 'CLOUDFRONT';
  /** The rules' names, in priority order. */
  public readonly ruleNames: readonly string[];
  /** The web ACL's name and metric name, `<stack>-<id>`: the `WebACL` dimension of its metrics. */
  public readonly webAclName: string;

  constructor(scope: Construct, id: string, props: RateLimitFirewallProps = {}) {
    super(scope, id);
    this.scope = props.scope ?? 'REGIONAL';
    const window = props.windowSeconds ?? DEFAULT_RATE_LIMITS.windowSeconds;
    if (!WINDOWS.includes(window)) throw new Error(`windowSeconds must be one of ${WINDOWS.join(', ')}, got ${window}`);
    // CloudWatch's WebACL and Rule dimensions are the metric names: each equal to the name, so the
    // console, the CLI and the dashboard say the same.
    this.webAclName = `${Stack.of(this).stackName}-${id}`;
    const metric = (name: string) => ({ cloudWatchMetricsEnabled: true, sampledRequestsEnabled: true, metricName: name });
    // WAF sets the content type from the body's (application/json) and refuses a content-type header of ours.
    const tooMany = { block: { customResponse: {
      responseCode: 429, customResponseBodyKey: BODY_KEY, responseHeaders: [{ name: 'retry-after', value: String(RETRY_AFTER_SECONDS) }],
    } } };
    const onPath = props.pathPrefix === undefined ? [] : [{ byteMatchStatement: {
      fieldToMatch: { uriPath: {} }, positionalConstraint: 'STARTS_WITH', searchString: props.pathPrefix,
      textTransformations: [{ priority: 0, type: 'NONE' }],
    } }];
    // As AWS documents for "requests missing a header": NOT (the header is there and not empty).
    // singleHeader is untyped JSON in the L1: its key goes to CloudFormation as written.
    const anonymous = { notStatement: { statement: { sizeConstraintStatement: {
      fieldToMatch: { singleHeader: { Name: 'authorization' } }, comparisonOperator: 'GT', size: 0, textTransformations: [{ priority: 0, type: 'NONE' }],
    } } } };
    const scopeDown = (statements: wafv2.CfnWebACL.StatementProperty[]) =>
      statements.length === 0 ? {} : { scopeDownStatement: statements.length === 1 ? statements[0] : { andStatement: { statements } } };

    const rules: wafv2.CfnWebACL.RuleProperty[] = [
      {
        name: 'RatePerClientIp', priority: 0, action: tooMany, visibilityConfig: metric('RatePerClientIp'),
        statement: { rateBasedStatement: { aggregateKeyType: 'IP', limit: props.requestsPerIp ?? DEFAULT_RATE_LIMITS.requestsPerIp, evaluationWindowSec: window } },
      },
      {
        // A request without the header is left out of this rule (WAF skips a request missing a key);
        // a made-up token per request escapes it, and meets the IP ceiling and the authorizer's 401.
        name: 'RatePerBearerToken', priority: 1, action: tooMany, visibilityConfig: metric('RatePerBearerToken'),
        statement: { rateBasedStatement: {
          aggregateKeyType: 'CUSTOM_KEYS', limit: props.requestsPerToken ?? DEFAULT_RATE_LIMITS.requestsPerToken, evaluationWindowSec: window,
          customKeys: [{ header: { name: 'authorization', textTransformations: [{ priority: 0, type: 'NONE' }] } }],
          ...scopeDown(onPath),
        } },
      },
    ];
    if (props.requestsPerAnonymousIp !== undefined) {
      rules.push({
        name: 'RatePerAnonymousIp', priority: 2, action: tooMany, visibilityConfig: metric('RatePerAnonymousIp'),
        statement: { rateBasedStatement: {
          aggregateKeyType: 'IP', limit: props.requestsPerAnonymousIp, evaluationWindowSec: window, ...scopeDown([...onPath, anonymous]),
        } },
      });
    }
    this.ruleNames = rules.map((r) => r.name);
    this.webAcl = new wafv2.CfnWebACL(this, 'WebAcl', {
      name: this.webAclName,
      scope: this.scope,
      defaultAction: { allow: {} },
      visibilityConfig: metric(this.webAclName),
      // What the API's clients expect of an error: RFC 9457 problem+json (served as application/json).
      customResponseBodies: { [BODY_KEY]: { contentType: 'APPLICATION_JSON', content: JSON.stringify({
        type: 'about:blank', title: 'Too many requests', status: 429,
        detail: `This client sent more requests than its rate allows; retry after ${RETRY_AFTER_SECONDS} seconds.`,
      }) } },
      rules,
    });
  }

  /** Puts a regional resource (the user pool) behind the web ACL. */
  public protect(id: string, resourceArn: string): wafv2.CfnWebACLAssociation {
    return new wafv2.CfnWebACLAssociation(this, id, { resourceArn, webAclArn: this.webAcl.attrArn });
  }

  /**
   * Requests the web ACL blocked (all rules: `Rule=ALL`), in `region`. A CLOUDFRONT web ACL's
   * metrics are in us-east-1 without a Region dimension; a regional one's carry its region.
   */
  public metricBlockedRequests(region: string, props: { rule?: string; period?: Duration } = {}): cloudwatch.Metric {
    return new cloudwatch.Metric({
      namespace: 'AWS/WAFV2', metricName: 'BlockedRequests', statistic: cloudwatch.Stats.SUM, period: props.period ?? Duration.minutes(5),
      dimensionsMap: { WebACL: this.webAclName, Rule: props.rule ?? 'ALL', ...(this.scope === 'REGIONAL' ? { Region: region } : {}) },
      ...(this.scope === 'CLOUDFRONT' ? { region: 'us-east-1' } : {}),
      label: props.rule ? `blocked by ${props.rule}` : 'blocked',
    });
  }
}

/**
 * Whether the stage puts its user pool and its API behind the firewall: context `firewall` (true
 * or false), by default on in prod and off elsewhere (WAF bills per web ACL and request).
 */
export function readFirewallEnabled(scope: Construct): boolean {
  const raw: unknown = scope.node.tryGetContext('firewall');
  if (raw === undefined) return (scope.node.tryGetContext('stage') ?? 'dev') === 'prod';
  if (raw === true || raw === 'true') return true;
  if (raw === false || raw === 'false') return false;
  throw new Error(`context "firewall" must be true or false, got ${JSON.stringify(raw)}`);
}

/** The API's limits per window, from context (`-c apiRequestsPerToken=900`); WAF takes 10 to 2,000,000,000. */
export type ApiRateLimits = Required<Pick<RateLimitFirewallProps, 'requestsPerIp' | 'requestsPerToken' | 'requestsPerAnonymousIp' | 'windowSeconds'>>;

const LIMIT_CONTEXT = {
  requestsPerIp: 'apiRequestsPerIp', requestsPerToken: 'apiRequestsPerToken',
  requestsPerAnonymousIp: 'apiRequestsPerAnonymousIp', windowSeconds: 'apiRateWindowSeconds',
} as const satisfies Record<keyof ApiRateLimits, string>;

/** Reads the API's rate limits from context, DEFAULT_RATE_LIMITS where unset; a bad value fails the synth. */
export function readApiRateLimits(scope: Construct): ApiRateLimits {
  const read = (key: keyof ApiRateLimits): number => {
    const name = LIMIT_CONTEXT[key];
    const raw: unknown = scope.node.tryGetContext(name);
    if (raw === undefined) return DEFAULT_RATE_LIMITS[key];
    const value = typeof raw === 'string' && /^\d+$/.test(raw) ? Number(raw) : raw;
    const ok = key === 'windowSeconds' ? WINDOWS.includes(value as number) : Number.isInteger(value) && (value as number) >= 10 && (value as number) <= 2_000_000_000;
    if (!ok) throw new Error(`context "${name}" must be ${key === 'windowSeconds' ? `one of ${WINDOWS.join(', ')}` : 'a whole number from 10 to 2000000000'}, got ${JSON.stringify(raw)}`);
    return value as number;
  };
  return { requestsPerIp: read('requestsPerIp'), requestsPerToken: read('requestsPerToken'), requestsPerAnonymousIp: read('requestsPerAnonymousIp'), windowSeconds: read('windowSeconds') };
}
