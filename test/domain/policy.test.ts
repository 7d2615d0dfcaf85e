import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PolicySchema, defaultPolicy, parsePolicy, toInstant } from '../../functions/domain/index.js';

describe('the policy: the charter\'s numbers as validated configuration', () => {
  it('parsing an empty policy gives exactly the charter defaults', () => {
    expect(parsePolicy({})).toEqual(defaultPolicy);
  });
  it('names the field at fault', () => {
    const bad = (input: unknown) => PolicySchema.safeParse(input).error?.issues.map((i) => i.path.join('.'));
    expect(bad({ hours: { basic: { open: '17:00', close: '08:30' }, extended: { open: '08:00', close: '20:00' } } })).toEqual(['hours.basic']);
    expect(bad({ warnAtFraction: 1.5 })).toEqual(['warnAtFraction']);
    expect(bad({ timeZone: 'Mars/Olympus' })).toEqual(['timeZone']);
    expect(bad({ resolved: { reminderBusinessDays: [4, 2], endBusinessDays: 6 } })).toEqual(['resolved']);
    expect(bad({ closures: { add: ['2026-13-45x'], remove: [] } })).toEqual(['closures.add.0']);
    expect(bad({ surprise: true })).toEqual(['']);
  });
  it('parsing does not share the defaults\' arrays with the result', () => {
    const policy = parsePolicy({});
    policy.closures.add.push('2026-06-10');
    expect(defaultPolicy.closures.add).toEqual([]);
  });
});

describe('toInstant', () => {
  it('formats exactly as toISOString over 1971-2199', () => {
    fc.assert(fc.property(fc.integer({ min: Date.UTC(1971, 0, 1), max: Date.UTC(2199, 11, 31) }), (ms) => {
      expect(toInstant(ms)).toBe(new Date(ms).toISOString());
    }), { seed: 20261125, numRuns: 2000 });
  });
});
