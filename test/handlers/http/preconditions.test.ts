import { describe, expect, it } from 'vitest';
import { assertIfMatch, etagOf, matchesVersion, readIfMatch, requireIfMatch } from '../../../functions/handlers/http/preconditions.js';

const ev = (value?: string) => ({ headers: value === undefined ? {} : { 'If-Match': value } });

describe('If-Match', () => {
  it('reads strong, weak and listed tags, and *', () => {
    expect(readIfMatch(ev('"3"'))).toEqual({ any: false, tags: ['"3"'] });
    expect(readIfMatch(ev('W/"3", "4"'))).toEqual({ any: false, tags: ['"3"', '"4"'] });
    expect(readIfMatch(ev('*'))).toEqual({ any: true });
    expect(readIfMatch(ev())).toBeNull();
  });
  it('matches the current version only', () => {
    expect(matchesVersion(readIfMatch(ev(etagOf(7)))!, 7)).toBe(true);
    expect(matchesVersion(readIfMatch(ev('"6"'))!, 7)).toBe(false);
    expect(matchesVersion(readIfMatch(ev('7'))!, 7)).toBe(false); // an unquoted tag is not an entity tag
    expect(matchesVersion({ any: true }, 7)).toBe(true);
  });
  it('a stale If-Match is a version-conflict; none is no precondition', () => {
    expect(() => assertIfMatch(readIfMatch(ev('"6"')), 7)).toThrow(expect.objectContaining({ code: 'version-conflict' }));
    expect(() => assertIfMatch(null, 7)).not.toThrow();
  });
  it('requireIfMatch answers 428 when it is missing', () => {
    expect(() => requireIfMatch(ev())).toThrow(expect.objectContaining({ code: 'precondition-required' }));
    expect(requireIfMatch(ev('"1"'))).toEqual({ any: false, tags: ['"1"'] });
  });
});
