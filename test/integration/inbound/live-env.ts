// The handler modules build their live wiring at import (cold start): give them a valid one
// before they load. Import this first; the tests pass their own deps anyway.
const ENV: Record<string, string> = {
  TABLE_NAME: 'wired-by-the-tests',
  INBOUND_MAIL_BUCKET: 'support-desk-inbound-mail',
  INBOUND_MAIL_PREFIX: 'inbound/',
  ATTACHMENT_BUCKET: 'support-desk-attachments',
  MAIL_DOMAINS: 'support.center.example',
  AWS_REGION: 'eu-west-1',
};
for (const [name, value] of Object.entries(ENV)) process.env[name] ??= value;
