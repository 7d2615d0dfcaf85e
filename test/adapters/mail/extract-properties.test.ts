// Issue 12 item 7: adversarial bodies (long lines of repeated markers, many short quote lines,
// deep nesting, unclosed HTML) fed to the extraction, checked for what must always hold. No
// timing here: bench:mail times the 1 MB bodies; regex-safety.test.ts checks the patterns.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { extractNewReply } from '../../../functions/adapters/mail/strip-reply.js';
import { htmlToQuotedText, htmlToText } from '../../../functions/adapters/mail/html-to-text.js';
import { detectReplyDecision } from '../../../functions/adapters/mail/reply-decision.js';
import { ADVERSARIAL_SHAPES } from '../../fixtures/mail/adversarial.js';

const FRAGMENTS = [
  'On ', 'On 4 Jun 2024, at 09:12, ', 'Support <s@x.example> ', 'wrote:', ' wrote:', 'Le ', 'a écrit :', 'Am ', 'schrieb ', 'napisał(a):', 'כתב/ה:',
  'בתאריך ', 'מאת ', 'From: ', 'Von: ', 'De : ', 'Sent: ', 'Gesendet: ', 'To: ', 'Subject: ', 'Betreff: ', '*From:* ', '> ', '>', '>> ', '-- ',
  '-----Original Message-----', '---------- Forwarded message ---------', 'Begin forwarded message:', '________________________________',
  'Sent from my iPhone', '---- ', ' ----', '2024-06-04 9:12 GMT+03:00 ', '<a@b.example>:', '\u200f', '\u202b', '\u0001', '\u0002', '\t', ' ', 'x', '1',
  'Thanks', 'confirm', 'not solved', '\n', '\n', '\n', '\r\n',
];
const body = fc.array(fc.constantFrom(...FRAGMENTS), { maxLength: 400 }).map((parts) => parts.join(''));
const RUNS = { numRuns: 150 };

describe('issue 12 item 7: reply extraction holds up on adversarial bodies', () => {
  it('never fails, and every line it returns was a line, or the start of a line, of the body', () => {
    fc.assert(fc.property(body, fc.constantFrom('', 'Fwd: x', 'Re: x'), (text, subject) => {
      const result = extractNewReply(text, undefined, { subject });
      const source = text.replace(/[\u0001\u0002]/g, '').replace(/\r\n?/g, '\n');
      for (const line of result.split('\n')) expect(source).toContain(line);
      expect(result).toBe(result.trim() === '' ? '' : result);
    }), RUNS);
  });

  it('a reply over any number of quote lines, at any depth, is the reply alone', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 500 }), fc.integer({ min: 1, max: 100 }), (lines, depth) => {
      const quoted = `${'> '.repeat(depth)}x\n`.repeat(lines);
      expect(extractNewReply(`Works now.\n\n${quoted}`)).toBe('Works now.');
      expect(extractNewReply(quoted)).toBe('');
    }), { numRuns: 40 });
  });

  it('text with no marker of any client comes back as written', () => {
    const word = fc.constantFrom('the', 'sync', 'failed', 'again', 'at', 'night', 'הסנכרון', 'נכשל', 'log', 'attached', 'Dana');
    const line = fc.array(word, { minLength: 1, maxLength: 12 }).map((w) => w.join(' '));
    fc.assert(fc.property(fc.array(line, { minLength: 1, maxLength: 50 }), (lines) => {
      expect(extractNewReply(lines.join('\n'))).toBe(lines.join('\n'));
    }), RUNS);
  });

  it.each(ADVERSARIAL_SHAPES.filter((s) => s.kind === 'text').map((s) => [s.shape, s] as const))('text shape "%s" at any size keeps only lines of the body', (_, shape) => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 20_000 }), (bytes) => {
      const text = shape.make(bytes);
      const result = extractNewReply(text);
      for (const line of result.split('\n')) expect(text).toContain(line);
      expect(['confirm', 'reject', 'other']).toContain(detectReplyDecision(result));
    }), { numRuns: 25 });
  });

  it.each(ADVERSARIAL_SHAPES.filter((s) => s.kind === 'html').map((s) => [s.shape, s] as const))('HTML shape "%s": the text grows at most in proportion to the HTML', (_, shape) => {
    // each output line needs a tag of at least 3 characters; its quote prefix stops at 8 levels
    fc.assert(fc.property(fc.integer({ min: 1, max: 20_000 }), (bytes) => {
      const html = shape.make(bytes);
      for (const text of [htmlToText(html), htmlToQuotedText(html), extractNewReply('', html)]) {
        expect(text.length).toBeLessThanOrEqual(6 * html.length + 16);
      }
    }), { numRuns: 25 });
  });

  it('nested blockquotes with text at every level show at most 8 quote marks per line', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 3_000 }), (levels) => {
      const html = '<div>Top</div>'.concat('<blockquote>x'.repeat(levels));
      const text = htmlToQuotedText(html);
      expect(Math.max(...text.split('\n').map((l) => (l.match(/>/g) ?? []).length))).toBeLessThanOrEqual(8);
      expect(extractNewReply('', html)).toBe('Top');
    }), { numRuns: 30 });
  });
});
