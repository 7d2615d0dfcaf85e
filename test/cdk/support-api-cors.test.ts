// SupportApi with the portal's origin (a prop the stack wires once the portal is hosted): CORS on
// the HTTP API (preflight answered by API Gateway) and on the attachment bucket, for that origin only.
import { Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROUTES } from '../../functions/handlers/http/routes.js';
import { SupportApi } from '../../lib/support-api.js';
import { SupportIdentity } from '../../lib/support-identity.js';
import { TicketTable } from '../../lib/ticket-table.js';
import { newApp, SYNTH_TIMEOUT_MS } from './cdk-app.js';

const PORTAL = 'https://d111111abcdef8.cloudfront.net';
let template: Template;

beforeAll(() => {
  const stack = new Stack(newApp({ bundle: false }), 'Cors-test');
  const api = new SupportApi(stack, 'Api', {
    routes: ROUTES, tickets: new TicketTable(stack, 'Tickets'), identity: new SupportIdentity(stack, 'Identity'), allowedOrigins: [PORTAL],
  });
  api.grantAttachments(new s3.Bucket(stack, 'Mail', { enforceSSL: true }));
  template = Template.fromStack(stack);
}, SYNTH_TIMEOUT_MS);

describe('SupportApi allowedOrigins', () => {
  it('the HTTP API answers CORS for the portal only: its headers in, the ETag out', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Api', {
      CorsConfiguration: {
        AllowOrigins: [PORTAL],
        AllowMethods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'],
        AllowHeaders: ['authorization', 'content-type', 'if-match', 'idempotency-key'],
        ExposeHeaders: ['etag', 'location', 'date'],
        MaxAge: 600,
      },
    });
  });

  it('the bucket lets the portal PUT uploads and GET downloads through signed URLs', () => {
    template.hasResourceProperties('AWS::S3::Bucket', Match.objectLike({
      CorsConfiguration: { CorsRules: [{ AllowedOrigins: [PORTAL], AllowedMethods: ['PUT', 'GET'], AllowedHeaders: ['content-type'], ExposedHeaders: ['etag'], MaxAge: 600 }] },
    }));
  });

  it('a wildcard origin is nowhere', () => {
    expect(JSON.stringify(template.toJSON())).not.toContain('"AllowOrigins":["*"]');
  });
});
