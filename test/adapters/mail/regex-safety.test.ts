// Issue 12 item 7: every pattern run on mail text is linear by construction. Checked on the
// pattern's structure, not by timing (bench:mail times the adversarial bodies): no unbounded
// quantifier (*, +, {n,}) inside a repeated group, and at most one unbounded quantifier per
// pattern unless it is anchored at one end with the other quantifiers separated by literals.
import { describe, expect, it } from 'vitest';
import * as markers from '../../../functions/adapters/mail/reply-markers.js';
import { DECISION_PATTERNS } from '../../../functions/adapters/mail/reply-decision.js';
import { AUTO_REPLY_PATTERNS } from '../../../functions/adapters/mail/detect-auto-reply.js';
import { HTML_PATTERNS } from '../../../functions/adapters/mail/html-to-text.js';
import { STRIP_PATTERNS } from '../../../functions/adapters/mail/strip-reply.js';

/** Named patterns from a module's exports, arrays and objects of patterns included. */
function collect(prefix: string, value: unknown, out: [string, RegExp][] = []): [string, RegExp][] {
  if (value instanceof RegExp) out.push([prefix, value]);
  else if (Array.isArray(value)) value.forEach((v, i) => collect(`${prefix}[${i}]`, v, out));
  else if (value && typeof value === 'object') Object.entries(value).forEach(([k, v]) => collect(prefix ? `${prefix}.${k}` : k, v, out));
  return out;
}

type Shape = { nestedUnbounded: boolean; unbounded: number };

/**
 * Reads a pattern's source: groups, character classes, escapes and quantifiers. A group's body
 * "can grow" when it holds an unbounded quantifier; repeating such a group is what backtracks.
 */
export function shapeOf(source: string): Shape {
  const stack: { grows: boolean }[] = [{ grows: false }];
  let unbounded = 0;
  let nestedUnbounded = false;
  let lastAtomGrows = false; // the atom a following quantifier applies to
  for (let i = 0; i < source.length; i++) {
    const c = source[i]!;
    if (c === '\\') { i++; if (source[i] === 'p' || source[i] === 'P') i = source.indexOf('}', i); lastAtomGrows = false; continue; }
    if (c === '[') {
      for (i++; i < source.length && source[i] !== ']'; i++) if (source[i] === '\\') i++;
      lastAtomGrows = false;
      continue;
    }
    if (c === '(') { stack.push({ grows: false }); continue; }
    if (c === ')') { const group = stack.pop()!; lastAtomGrows = group.grows; stack.at(-1)!.grows ||= group.grows; continue; }
    const quantifier = /^(?:\*|\+|\?|\{\d+(?:,\d*)?\})/.exec(source.slice(i, i + 12))?.[0];
    if (quantifier) {
      const isUnbounded = quantifier === '*' || quantifier === '+' || /^\{\d+,\}$/.test(quantifier);
      const repeats = isUnbounded || (quantifier.startsWith('{') && !/^\{(\d+)(?:,\1)?\}$/.test(quantifier) && quantifier !== '{0,1}');
      if (repeats && lastAtomGrows) nestedUnbounded = true;
      if (isUnbounded) { unbounded++; stack.at(-1)!.grows = true; }
      i += quantifier.length - 1;
      if (source[i + 1] === '?') i++; // lazy
      lastAtomGrows = false;
      continue;
    }
    lastAtomGrows = false;
  }
  return { nestedUnbounded, unbounded };
}

const PATTERNS = [
  ...collect('reply-markers', markers), ...collect('reply-decision', DECISION_PATTERNS),
  ...collect('detect-auto-reply', AUTO_REPLY_PATTERNS), ...collect('html-to-text', HTML_PATTERNS), ...collect('strip-reply', STRIP_PATTERNS),
];

/** Patterns with two unbounded quantifiers, each anchored, the quantified runs separated by required text. */
const ANCHORED_TWO: Readonly<Record<string, string>> = {
  'reply-markers.ORIGINAL_MESSAGE': '^-{2,} … -{2,}$: dashes, a required phrase, dashes; tested on lines of at most 400 characters',
  'reply-markers.FORWARD_MARKERS[0]': 'the same form as ORIGINAL_MESSAGE',
};

describe('issue 12 item 7: every regular expression on mail text is linear (structure)', () => {
  it('finds the patterns of the mail adapters', () => expect(PATTERNS.length).toBeGreaterThan(40));

  it('the checker itself sees nested and repeated growth', () => {
    expect(shapeOf('(a+)+')).toMatchObject({ nestedUnbounded: true });
    expect(shapeOf('(?:x*y){2,9}')).toMatchObject({ nestedUnbounded: true });
    expect(shapeOf('^(?:>[ \\t]?)+')).toEqual({ nestedUnbounded: false, unbounded: 1 });
    expect(shapeOf('^From: a.*Sent: b.*Subject:')).toEqual({ nestedUnbounded: false, unbounded: 2 });
    expect(shapeOf('[\\p{L}+*]{1,40}\\s?')).toEqual({ nestedUnbounded: false, unbounded: 0 });
  });

  it.each(PATTERNS)('%s repeats no group that can grow', (_, re) => {
    expect(shapeOf(re.source).nestedUnbounded).toBe(false);
  });

  it.each(PATTERNS)('%s has at most one unbounded quantifier, or is anchored and listed', (name, re) => {
    const { unbounded } = shapeOf(re.source);
    if (unbounded > 1) {
      expect(ANCHORED_TWO[name], `${name}: ${re.source}`).toBeDefined();
      expect(re.source.startsWith('^') && re.source.endsWith('$')).toBe(true);
      expect(unbounded).toBe(2);
    }
  });
});
