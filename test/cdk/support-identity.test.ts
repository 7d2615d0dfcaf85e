import { Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { beforeAll, describe, expect, it } from 'vitest';
import { RoleSchema } from '../../functions/handlers/http/caller.js';
import { SUPPORT_ROLES, SupportIdentity } from '../../lib/support-identity.js';
import { nagFindings, newApp } from './cdk-app.js';

let stack: Stack;
let template: Template;

beforeAll(() => {
  stack = new Stack(newApp(), 'Identity-test');
  new SupportIdentity(stack, 'Identity');
  template = Template.fromStack(stack);
});

describe('SupportIdentity user pool', () => {
  it('lets only admins create users, who sign in with their email (case-insensitive)', () => {
    template.resourceCountIs('AWS::Cognito::UserPool', 1);
    template.hasResourceProperties('AWS::Cognito::UserPool', Match.objectLike({
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
      UsernameAttributes: ['email'],
      UsernameConfiguration: { CaseSensitive: false },
    }));
  });

  it('has a strong password policy, optional TOTP MFA and enforced threat protection (Plus)', () => {
    template.hasResourceProperties('AWS::Cognito::UserPool', Match.objectLike({
      Policies: { PasswordPolicy: Match.objectLike({ MinimumLength: 12, RequireLowercase: true, RequireUppercase: true, RequireNumbers: true, RequireSymbols: true }) },
      MfaConfiguration: 'OPTIONAL',
      EnabledMfas: ['SOFTWARE_TOKEN_MFA'],
      UserPoolTier: 'PLUS',
      UserPoolAddOns: { AdvancedSecurityMode: 'ENFORCED' },
    }));
  });

  it('has the mutable custom attribute organisation (the custom:organisation claim)', () => {
    template.hasResourceProperties('AWS::Cognito::UserPool', Match.objectLike({
      Schema: Match.arrayWith([Match.objectLike({ Name: 'organisation', AttributeDataType: 'String', Mutable: true })]),
    }));
  });

  it('is retained, and protected from deletion', () => {
    template.hasResource('AWS::Cognito::UserPool', { DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
    template.hasResourceProperties('AWS::Cognito::UserPool', Match.objectLike({ DeletionProtection: 'ACTIVE' }));
  });
});

describe('SupportIdentity groups', () => {
  it('are exactly the roles of caller.ts (RoleSchema), the most capable first', () => {
    expect([...SUPPORT_ROLES].sort()).toEqual([...RoleSchema.options].sort());
    const groups = Object.values(template.findResources('AWS::Cognito::UserPoolGroup'))
      .map((g) => [g.Properties.GroupName, g.Properties.Precedence]);
    expect(groups).toEqual(SUPPORT_ROLES.map((role, i) => [role, i]));
    expect(groups[0]).toEqual(['admin', 0]);
  });
});

describe('SupportIdentity portal client', () => {
  it('has no secret, signs in with SRP and refreshes, with no OAuth flows', () => {
    template.resourceCountIs('AWS::Cognito::UserPoolClient', 1);
    template.hasResourceProperties('AWS::Cognito::UserPoolClient', Match.objectLike({
      GenerateSecret: false,
      ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
      AllowedOAuthFlowsUserPoolClient: false,
      PreventUserExistenceErrors: 'ENABLED',
    }));
  });

  it('reads custom:organisation but cannot write it (nor email): a person cannot change organisation', () => {
    const [client] = Object.values(template.findResources('AWS::Cognito::UserPoolClient'));
    expect(client?.Properties.ReadAttributes).toContain('custom:organisation');
    // A non-empty write list: with an empty one Cognito lets the client write every attribute.
    expect(client?.Properties.WriteAttributes).toEqual(['locale', 'name']);
  });
});

describe('SupportIdentity cdk-nag AwsSolutions', () => {
  it('has no unacknowledged findings (COG2, optional MFA, is acknowledged with its reason)', () => {
    expect(nagFindings(stack)).toEqual([]);
  });
});
