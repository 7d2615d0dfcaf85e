import { describe, expect, it } from 'vitest';
import { cleanLine, cleanText } from '../../../functions/domain/text-hygiene.js';
import { parseInboundMail } from '../../../functions/adapters/mail/parse-inbound.js';
import { formatAddress } from '../../../functions/adapters/email/ses-mailer.js';
import { CreateTicketRequestSchema, PutContactRequestSchema } from '../../../functions/handlers/http/schemas.js';

const RLO = '\u202e';
const OURS = { ourDomains: ['support.center.example'], ourMessageIdSuffixes: ['@email.amazonses.com>'] };
const b64 = (s: string) => `=?UTF-8?B?${Buffer.from(s, 'utf8').toString('base64')}?=`;

describe('text hygiene: subjects and names lose control characters and bidi overrides wherever they enter', () => {
  it('cleanLine: CR/LF and tabs become one space; NUL, ESC, DEL, C1 and bidi embeddings/overrides/isolates go', () => {
    expect(cleanLine(`Invoice\r\nBcc: all@example.com`)).toBe('Invoice Bcc: all@example.com');
    expect(cleanLine(`a\u0000b\u001b[31mc\u007f\u0085d`)).toBe('ab[31mc d');
    expect(cleanLine(`${RLO}fdp.exe${'\u202c'} \u2066x\u2069`)).toBe('fdp.exe x');
    expect(cleanLine('  שלום\u200f   world  ')).toBe('שלום\u200f world'); // an RLM is a mark, not an override: kept
  });

  it('cleanText keeps line breaks and tabs, drops other controls', () => {
    expect(cleanText('line 1\r\n\tline 2\u0000\u0007')).toBe('line 1\r\n\tline 2');
  });

  it('the API: a subject and a contact name are cleaned; one that is only controls is refused', () => {
    const req = { type: 'incident', severity: 'normal', description: 'x' } as const;
    expect(CreateTicketRequestSchema.parse({ ...req, subject: `Reload${RLO}gnp.exe\r\nfails` }).subject).toBe('Reloadgnp.exe fails');
    expect(CreateTicketRequestSchema.safeParse({ ...req, subject: `\u0000${RLO}\r\n` }).success).toBe(false);
    expect(PutContactRequestSchema.parse({ name: `Dana\u0000 ${RLO}Levi\n` }).name).toBe('Dana Levi');
  });

  it('inbound mail: an encoded subject and From name carrying controls and overrides are cleaned', async () => {
    const raw = [
      `From: ${b64(`Dana${RLO} Levi\r\nX`)} <dana@acme.example>`, 'To: support@support.center.example',
      `Subject: ${b64(`[T-1001] ${RLO}cod.exe\u0000 fails\r\nBcc: x@evil.example`)}`, 'Message-ID: <h1@acme.example>', '', 'Hi',
    ].join('\r\n');
    const mail = await parseInboundMail(raw, OURS);
    expect(mail.subject).toBe('[T-1001] cod.exe fails Bcc: x@evil.example');
    expect(mail.from).toEqual({ address: 'dana@acme.example', name: 'Dana Levi X' });
    expect(mail.subjectTicket).toBe('T-1001');
  });

  it('outbound mail: a name with CR/LF never makes a header line', () => {
    expect(formatAddress('Dana\r\nBcc: x@evil.example', 'dana@acme.example')).toBe('"Dana Bcc: x@evil.example" <dana@acme.example>');
    expect(formatAddress(`${RLO}דנה`, 'dana@acme.example')).not.toMatch(/[\r\n]/);
  });
});
