// The sniff that tells a file's first bytes from its declared type: each allowed type, one file
// that fits and one that does not (a renamed executable is no screenshot).
import { describe, expect, it } from 'vitest';
import { ATTACHMENT_TYPES, sniffMatches, type AttachmentType } from '../../../functions/handlers/http/attachment-rules.js';

const bytes = (...b: number[]) => Buffer.from(b);
const text = (s: string) => Buffer.from(s, 'utf8');
const EXE = Buffer.concat([text('MZ'), Buffer.alloc(60, 0)]);
const ZIP = Buffer.concat([bytes(0x50, 0x4b, 0x03, 0x04), Buffer.alloc(26, 0)]);

const FITS: Record<AttachmentType, Buffer> = {
  'image/png': bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13),
  'image/jpeg': bytes(0xff, 0xd8, 0xff, 0xe0),
  'image/gif': text('GIF89a\x01\x00'),
  'image/webp': Buffer.concat([text('RIFF'), bytes(0x24, 0, 0, 0), text('WEBPVP8 ')]),
  'application/pdf': text('%PDF-1.7\n'),
  'text/plain': text('02:14 שגיאה: timeout\n'),
  'text/csv': text('ticket,minutes\nT-1042,30\n'),
  'application/json': text('{"level":"error"}'),
  'application/zip': ZIP,
  'application/gzip': bytes(0x1f, 0x8b, 0x08, 0),
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': ZIP,
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': ZIP,
};

describe('sniffMatches', () => {
  it.each(ATTACHMENT_TYPES.map((t) => [t] as const))('%s: its own first bytes fit, an executable does not', (type) => {
    expect(sniffMatches(type, FITS[type])).toBe(true);
    expect(sniffMatches(type, EXE)).toBe(false);
  });

  it('text: a multi-byte character cut at the end of the sample still fits; invalid UTF-8 does not', () => {
    const hebrew = text('שגיאה');
    expect(sniffMatches('text/plain', hebrew.subarray(0, hebrew.length - 1))).toBe(true);
    expect(sniffMatches('text/plain', bytes(0x41, 0xff, 0xfe, 0x41))).toBe(false);
  });

  it('an empty sample fits no binary type', () => {
    for (const type of ['image/png', 'application/pdf', 'application/zip'] as const) expect(sniffMatches(type, Buffer.alloc(0))).toBe(false);
  });
});
