import { CfnOutput, Stack, type StackProps } from 'aws-cdk-lib';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import type { Construct } from 'constructs';
import { encryptedAlarmTopic, rateLimitedAlarm } from './monitoring.js';
import { type ApiRateLimits, RateLimitFirewall } from './rate-limit-firewall.js';
import { PORTAL_API_PATH } from './portal.js';

export type ApiEdgeStackProps = Omit<StackProps, 'env'> & {
  /** The account, when the app names it. @default the deploying account */
  readonly account?: string;
  /** The API's limits per client (readApiRateLimits). */
  readonly limits: ApiRateLimits;
};

/**
 * What must live in us-east-1 for the API's per-client rate limits: AWS WAF takes a CLOUDFRONT
 * web ACL only there. The web ACL (per IP address, per bearer token, per IP address without a
 * token; 429 with a problem+json body) and its alarm, with a topic of its own: a CloudWatch alarm
 * watches and notifies only in its own region. The desk's stack attaches the web ACL to the
 * portal's distribution by its ARN, a cross-region reference (lib/support-desk-app.ts).
 */
export class ApiEdgeStack extends Stack {
  public readonly firewall: RateLimitFirewall;

  constructor(scope: Construct, id: string, props: ApiEdgeStackProps) {
    super(scope, id, { ...props, env: { account: props.account, region: 'us-east-1' } });
    this.firewall = new RateLimitFirewall(this, 'ApiFirewall', {
      scope: 'CLOUDFRONT',
      ...props.limits,
      pathPrefix: `${PORTAL_API_PATH}/`, // the portal's own files are not the API's requests
    });
    const { topic } = encryptedAlarmTopic(this, 'Encrypts the support desk alarm topic in us-east-1 (the API web ACL\'s alarm)');
    rateLimitedAlarm(this, 'ApiRateLimited', this.firewall, 'API web ACL').addAlarmAction(new actions.SnsAction(topic));
    new CfnOutput(this, 'EdgeAlarmTopicArn', { value: topic.topicArn, description: 'Subscribe operators to it too: the API web ACL\'s alarm (us-east-1)' });
    new CfnOutput(this, 'ApiWebAclArn', { value: this.firewall.webAcl.attrArn });
  }
}
