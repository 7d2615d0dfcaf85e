import { describe, expect, it } from 'vitest';
import { applyAttachmentPolicy, boundedIds, DEFAULT_MAIL_LIMITS, type MailLimits } from '../../../functions/adapters/mail/mail-limits.js';
import { parseInboundMail } from '../../../functions/adapters/mail/parse-inbound.js';
import type { MailAttachment } from '../../../functions/adapters/mail/inbound-mail.js';

const OURS = { ourDomains: ['support.center.example'], ourMessageIdSuffixes: ['@email.amazonses.com>'] };
const limits: MailLimits = { ...DEFAULT_MAIL_LIMITS, maxAttachments: 2, maxAttachmentBytes: 100 };
const file = (filename: string | null, size = 10, contentType = 'application/pdf'): MailAttachment =>
  ({ filename, contentType, size, content: Buffer.alloc(size), contentId: null, inline: false });

describe('limits: ids and attachments are bounded by a policy', () => {
  it('3,000 References and a long In-Reply-To: at most five thread ids, none over the length limit, nearest first', async () => {
    const refs = Array.from({ length: 3000 }, (_, i) => `<r${i}@x.example>`).join(' ');
    const raw = `From: d@acme.example\r\nTo: support@support.center.example\r\nSubject: x\r\nMessage-ID: <${'m'.repeat(300)}@x>\r\nIn-Reply-To: <${'i'.repeat(300)}@x>\r\nReferences: ${refs}\r\n\r\nHi\r\n`;
    const mail = await parseInboundMail(raw, OURS);
    expect(mail.messageId).toBeNull();
    expect(mail.inReplyTo).toBeNull();
    expect(mail.threadMessageIds).toEqual(['<r2999@x.example>', '<r2998@x.example>', '<r2997@x.example>', '<r2996@x.example>', '<r2995@x.example>']);
    expect(mail.references).toHaveLength(20);
  });

  it('boundedIds drops long ids and repeats, keeps the order, stops at the count', () => {
    expect(boundedIds(['<a>', `<${'x'.repeat(300)}>`, '<a>', '<b>', '<c>'], DEFAULT_MAIL_LIMITS, 2)).toEqual(['<a>', '<b>']);
  });

  it('attachments: programs by name or type, then size, then count are refused, each with why; the rest kept in order', () => {
    const { kept, refused } = applyAttachmentPolicy([
      file('a.pdf'), file('Setup.EXE'), file('b.pdf', 101), file('run', 5, 'application/x-msdownload'), file('c.pdf'), file('d.pdf'), file(null),
    ], limits);
    expect(kept.map((a) => a.filename)).toEqual(['a.pdf', 'c.pdf']);
    expect(refused.map((a) => [a.filename, a.reason])).toEqual([
      ['Setup.EXE', 'type-not-allowed'], ['b.pdf', 'too-large'], ['run', 'type-not-allowed'], ['d.pdf', 'too-many'], [null, 'too-many'],
    ]);
  });
});
