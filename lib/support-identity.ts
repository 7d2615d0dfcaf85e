import { Duration, RemovalPolicy, Validations } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';

/**
 * The desk's roles, one Cognito group each, most capable first (the order
 * functions/handlers/http/caller.ts resolves several groups in). The same list as caller.ts's
 * RoleSchema, which a CDK test checks: lib does not load runtime code.
 */
export const SUPPORT_ROLES = [
  'admin', 'support-manager', 'customer-officer', 'agent-tier3', 'agent-tier2', 'agent-tier1', 'partner', 'customer',
] as const;

/** The custom attribute naming a person's organisation; tokens carry it as `custom:organisation`. */
export const ORGANISATION_ATTRIBUTE = 'organisation';

/**
 * Who may call the API: the user pool, the portal's app client and a group per role.
 *
 * The HTTP API's JWT authorizer validates the ID token, not the access token: custom
 * attributes (`custom:organisation`) and `cognito:groups` are claims of the ID token, and its
 * `aud` is the app client id, which the authorizer checks as the audience.
 */
export class SupportIdentity extends Construct {
  public readonly userPool: cognito.UserPool;
  public readonly userPoolClient: cognito.UserPoolClient;
  /** The group of each role, by role name. */
  public readonly groups: ReadonlyMap<string, cognito.UserPoolGroup>;

  constructor(scope: Construct, id: string) {
    super(scope, id);

    this.userPool = new cognito.UserPool(this, 'UserPool', {
      // People are invited by the center (contacts of a known organisation), never self-registered.
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      signInCaseSensitive: false,
      autoVerify: { email: true },
      accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
      passwordPolicy: {
        minLength: 12,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
      },
      mfa: cognito.Mfa.OPTIONAL,
      mfaSecondFactor: { otp: true, sms: false },
      // Plus: threat protection blocks sign-ins with leaked credentials and challenges risky
      // ones (AwsSolutions-COG8); it is billed per monthly active user above Essentials.
      featurePlan: cognito.FeaturePlan.PLUS,
      standardThreatProtectionMode: cognito.StandardThreatProtectionMode.FULL_FUNCTION,
      customAttributes: {
        // Mutable: a contact can move to another organisation. Only admins set it (the app
        // client below cannot write it), or a customer could move itself into any organisation.
        // Lengths as the domain's organisation id (functions/domain/organisation.ts).
        [ORGANISATION_ATTRIBUTE]: new cognito.StringAttribute({ mutable: true, minLen: 2, maxLen: 63 }),
      },
      deletionProtection: true,
      // The people and their organisations are the desk's access control: never deleted with the stack.
      removalPolicy: RemovalPolicy.RETAIN,
    });
    Validations.of(this.userPool).acknowledge({
      id: 'AwsSolutions-COG2',
      reason: 'MFA is optional (TOTP) rather than required: contacts of customer organisations sign in without an authenticator app; Plus-tier threat protection still challenges risky sign-ins and blocks leaked passwords.',
    });

    this.userPoolClient = this.userPool.addClient('PortalClient', {
      generateSecret: false, // a browser app cannot keep a secret
      authFlows: { userSrp: true }, // CDK always adds ALLOW_REFRESH_TOKEN_AUTH
      disableOAuth: true, // the portal signs in with SRP; no hosted UI, no redirect URLs
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      idTokenValidity: Duration.hours(1),
      accessTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.days(30),
      readAttributes: new cognito.ClientAttributes()
        .withStandardAttributes({ email: true, emailVerified: true, fullname: true, locale: true })
        .withCustomAttributes(ORGANISATION_ATTRIBUTE),
      // Never empty: with an empty write list the client may write every attribute, custom ones included.
      writeAttributes: new cognito.ClientAttributes().withStandardAttributes({ fullname: true, locale: true }),
    });

    this.groups = new Map(SUPPORT_ROLES.map((role, precedence) => [
      role,
      // Precedence mirrors caller.ts: with several groups the most capable one counts.
      this.userPool.addGroup(groupId(role), { groupName: role, precedence, description: `The ${role} role of the support desk` }),
    ]));
  }
  /**
   * Cognito managed login for the portal (issue 9): the authorization code grant with PKCE, back
   * to the portal's own URLs. Chosen over SRP in the browser because managed login carries TOTP
   * MFA set-up and challenges, forgotten passwords and Plus-tier risk challenges with no Cognito
   * SDK in the portal's bundle, and the password never touches the portal's page. The same client
   * (the API's JWT audience) gains the OAuth settings; the SRP flow stays for scripts.
   */
  public enableManagedLogin(props: { domainPrefix: string; callbackUrls: string[]; logoutUrls: string[] }): cognito.UserPoolDomain {
    const client = this.userPoolClient.node.defaultChild as cognito.CfnUserPoolClient;
    client.allowedOAuthFlowsUserPoolClient = true;
    client.allowedOAuthFlows = ['code'];
    client.allowedOAuthScopes = ['openid', 'email', 'profile'];
    client.callbackUrLs = props.callbackUrls;
    client.logoutUrLs = props.logoutUrls;
    client.supportedIdentityProviders = ['COGNITO'];
    const domain = this.userPool.addDomain('ManagedLogin', {
      cognitoDomain: { domainPrefix: props.domainPrefix },
      managedLoginVersion: cognito.ManagedLoginVersion.NEWER_MANAGED_LOGIN,
    });
    // The newer managed login shows its pages only with a branding style: Cognito's own.
    new cognito.CfnManagedLoginBranding(this, 'ManagedLoginBranding', {
      userPoolId: this.userPool.userPoolId, clientId: this.userPoolClient.userPoolClientId, useCognitoProvidedValues: true,
    });
    return domain;
  }
}

const groupId = (role: string): string =>
  `${role.split('-').map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join('')}Group`;
