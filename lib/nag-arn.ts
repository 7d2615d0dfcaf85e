import { Stack, Token } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';

/**
 * The partition and region as cdk-nag writes them in a finding's ARN: pseudo-parameters in an
 * environment-agnostic stack (`<AWS::Region>`), literals in one with a region (`eu-west-1`, `aws`),
 * as the desk's stack has when the firewall is on (lib/support-desk-app.ts).
 */
export function nagArnParts(scope: IConstruct): { partition: string; region: string } {
  const stack = Stack.of(scope);
  return {
    partition: Token.isUnresolved(stack.partition) ? '<AWS::Partition>' : stack.partition,
    region: Token.isUnresolved(stack.region) ? '<AWS::Region>' : stack.region,
  };
}
