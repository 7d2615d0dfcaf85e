import { describe, expect, it } from 'vitest';
import { attachmentNames } from '../../../functions/handlers/mail/email-message.js';
import { failedVerdicts, sesMailEventsOf } from '../../../functions/handlers/mail/ses-events.js';
import { readInboundRuntimeConfig } from '../../../functions/handlers/runtime-config.js';

const a = (filename: string | null) => ({ filename, contentType: 'application/octet-stream' });

describe('attachmentNames: a filename fit for an object key', () => {
  it('keeps names of any script, drops paths and control characters, names the nameless, numbers repeats', () => {
    expect(attachmentNames([a('לוג.pdf'), a('../../etc/passwd'), a('a\u0000b.txt'), a(null), a('shot.png'), a('shot.png'), a('.hidden')]))
      .toEqual(['לוג.pdf', '_.._etc_passwd', 'a_b.txt', 'attachment-4', 'shot.png', 'shot-2.png', 'hidden']);
  });
});

describe('SES events', () => {
  it('failedVerdicts names only FAIL, in a fixed order', () => {
    expect(failedVerdicts({ recipients: [], dmarcVerdict: { status: 'FAIL' }, spamVerdict: { status: 'GRAY' }, spfVerdict: { status: 'fail' } })).toEqual(['spf', 'dmarc']);
  });

  it('sesMailEventsOf refuses what is no SES event (it belongs in the DLQ)', () => {
    expect(() => sesMailEventsOf({ hello: 'world' })).toThrow();
  });
});

describe('readInboundRuntimeConfig', () => {
  const env = { TABLE_NAME: 't', INBOUND_MAIL_BUCKET: 'raw', ATTACHMENT_BUCKET: 'att', MAIL_DOMAINS: 'Support.Center.example, center.example' };

  it("derives SES's Message-ID suffixes from the region: us-east-1 says email.amazonses.com", () => {
    expect(readInboundRuntimeConfig({ ...env, AWS_REGION: 'us-east-1' })).toEqual({
      tableName: 't', rawMail: { bucket: 'raw', prefix: '' }, attachmentBucket: 'att', ourDomains: ['support.center.example', 'center.example'],
      ourMessageIdSuffixes: ['@email.amazonses.com>', '@us-east-1.amazonses.com>'],
    });
    expect(readInboundRuntimeConfig({ ...env, SES_REGION: 'eu-west-1', AWS_REGION: 'il-central-1' }).ourMessageIdSuffixes).toEqual(['@email.amazonses.com>', '@eu-west-1.amazonses.com>']);
  });

  it('fails the cold start without our domains', () => {
    expect(() => readInboundRuntimeConfig({ ...env, MAIL_DOMAINS: ' ', AWS_REGION: 'eu-west-1' })).toThrow(/MAIL_DOMAINS/);
  });
});
