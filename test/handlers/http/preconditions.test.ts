import { describe, expect, it } from 'vitest';
import { assertIfMatch, etagOf, matchesVersion, readIfMatch, requireIfMatch } from '../../../functions/handlers/http/preconditions.js';
import { toProblem } from '../../../functions/handlers/http/problem.js';
import { anHttpEvent } from '../../fixtures/http.js';

const ev = (value?: string) => ({ headers: value === undefined ? {} : { 'If-Match': value } });

describe('If-Match (RFC 9110 §13.1.1)', () => {
  it('reads strong, weak and listed tags, and *', () => {
    expect(readIfMatch(ev('"3"'))).toMatchObject({ any: false, tags: ['"3"'] });
    expect(readIfMatch(ev('W/"3", "4"'))).toMatchObject({ any: false, tags: ['"3"', '"4"'] });
    expect(readIfMatch(ev(' , "5" ,, W/"6"'))).toMatchObject({ any: false, tags: ['"5"', '"6"'] }); // empty list elements are allowed
    expect(readIfMatch(ev('*'))).toEqual({ any: true });
    expect(readIfMatch(ev())).toBeNull();
    expect(readIfMatch(ev(' '))).toBeNull(); // sent empty: as if absent
  });
  it('matches the current version only, a weak tag as its strong twin', () => {
    expect(matchesVersion(readIfMatch(ev(etagOf(7)))!, 7)).toBe(true);
    expect(matchesVersion(readIfMatch(ev('W/"7"'))!, 7)).toBe(true);
    expect(matchesVersion(readIfMatch(ev('"6", "7"'))!, 7)).toBe(true);
    expect(matchesVersion(readIfMatch(ev('"6"'))!, 7)).toBe(false);
    expect(matchesVersion({ any: true }, 7)).toBe(true);
  });
  it.each(['1', '"1', 'w/"1"', '"1" "2"', 'W/1', ',', '"a"b"'])('refuses %j with a 400 naming If-Match and the expected form, never a 412', (value) => {
    let thrown: unknown;
    try { readIfMatch(ev(value)); } catch (err) { thrown = err; }
    expect(thrown).toMatchObject({ code: 'invalid-request' });
    const { problem } = toProblem(thrown, anHttpEvent({ headers: { 'if-match': value } }));
    expect(problem.status).toBe(400);
    expect(problem.errors).toEqual([{ path: 'If-Match', message: expect.stringContaining('"3"') }]);
  });
  it('a stale If-Match is a version-conflict that names what was sent and the current tag; none is no precondition', () => {
    expect(() => assertIfMatch(readIfMatch(ev('"6"')), 7)).toThrow(expect.objectContaining({ code: 'version-conflict', message: expect.stringMatching(/"6".*"7"/) }));
    expect(() => assertIfMatch(null, 7)).not.toThrow();
  });
  it('requireIfMatch answers 428 naming the expected form when it is missing', () => {
    expect(() => requireIfMatch(ev())).toThrow(expect.objectContaining({ code: 'precondition-required', detail: expect.stringContaining('"3"') }));
    expect(requireIfMatch(ev('"1"'))).toMatchObject({ any: false, tags: ['"1"'] });
  });
});
