import { describe, expect, it } from 'vitest';
import { DomainError } from '../../../functions/domain/index.js';
import { backoffMs, MAX_ATTEMPTS, retryOnConflict } from '../../../functions/handlers/http/command.js';

// The retry policy alone; the race itself is proven against DynamoDB Local (integration tests).
const conflict = () => new DomainError('version-conflict', 'lost the race');

describe('retryOnConflict: a command without If-Match that loses a race is re-run', () => {
  it('runs again after each lost race, with a jittered wait in a window that doubles, until it commits', async () => {
    const waits: number[] = [];
    let calls = 0;
    const result = await retryOnConflict(async () => { if (++calls < 4) throw conflict(); return 'committed'; }, MAX_ATTEMPTS, async (ms) => { waits.push(ms); });
    expect(result).toBe('committed');
    expect(calls).toBe(4);
    expect(waits).toHaveLength(3);
    waits.forEach((ms, i) => { expect(ms).toBeGreaterThanOrEqual(5); expect(ms).toBeLessThanOrEqual(5 + 10 * 2 ** i); });
  });
  it('waits 5 ms plus a share of 10, 20, 40 ... ms, never more than 105 ms', () => {
    expect([1, 2, 3, 4, 5, 6, 30].map((lost) => backoffMs(lost, 1))).toEqual([15, 25, 45, 85, 105, 105, 105]);
    expect(backoffMs(1, 0)).toBe(5);
    expect(backoffMs(40, 0.5)).toBe(55);
  });
  it('gives up after the bounded number of attempts with the last conflict', async () => {
    let calls = 0;
    await expect(retryOnConflict(async () => { calls++; throw conflict(); }, 5, async () => {})).rejects.toMatchObject({ code: 'version-conflict' });
    expect(calls).toBe(5);
  });
  it('does not retry any other error (a refusal after the re-read surfaces as is)', async () => {
    let calls = 0;
    await expect(retryOnConflict(async () => { calls++; throw new DomainError('invalid-transition', 'closed'); }, 5, async () => {})).rejects.toMatchObject({ code: 'invalid-transition' });
    expect(calls).toBe(1);
  });
});
