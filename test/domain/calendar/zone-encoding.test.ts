import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { computeZoneOffsets, type ZoneOffsets } from '../../../functions/domain/calendar/time-zone.js';
import { decodeZone, encodeZone, type EncodedZone } from '../../../functions/domain/calendar/zone-encoding.js';
import { ZONE_SNAPSHOT } from '../../../functions/domain/calendar/zone-snapshot.js';

const FROM_YEAR = 1970;
const TO_YEAR = 2200;
const range = [Date.UTC(FROM_YEAR, 0, 1), Date.UTC(TO_YEAR + 1, 0, 1)] as const;

/** The form zone-snapshot.ts held before: [initial offset (min), change (s), offset (min), ...]. */
const listForm = (offsets: ZoneOffsets): number[] =>
  [offsets[0]!.offsetMs / 60_000, ...offsets.slice(1).flatMap((c) => [c.fromMs / 1000, c.offsetMs / 60_000])];

/** Asia/Jerusalem as `npm run zones` encodes tz database 2025c. */
const JERUSALEM_2025C: EncodedZone = {
  initial: 120,
  changes: '1ev0o:50 30uc 5u1o 43qc 1jixo 1ao0 151s0 3gg0 74o0 4bic 7zto 3gec 6sho 4nqc 6hdo 4jac 7cho 3vyc 69lo 4r2c '
    + '6hdo 4yuc 6hdo 4yuc 6f5o 4tac 6f5o 4lic 6mxo 4tac 5zlo 5pic 5qpo 5gmc 5rto 58uc 6f90 4r2c 6wxo 5eco 5plo 56mc '
    + '5qpo 5xac 5b5o 5tyc 5rto 56mc 5wbc 5w6c 5c9o 5oec 5k1o 58uc 5zlo 5w6c 5c9o 5oec 5k1o 58uc 67do 5oec 5k1o 5gmc',
  rules: { fromYear: 2013, changes: [[3, 5, 23, 120, 180], [10, 0, 25, 120, 120]] },
};

describe('R-CAL-1: the compact form of a zone snapshot', () => {
  it('decodes Asia/Jerusalem of tz database 2025c to the very list the snapshot held before (881 numbers, by SHA-256)', () => {
    const list = listForm(decodeZone(JERUSALEM_2025C, FROM_YEAR, TO_YEAR));
    expect(list).toHaveLength(881);
    expect(createHash('sha256').update(list.join(',')).digest('hex')).toBe('34e8ee6be2910f58015e93c7d132bedd3f3d696f5832f426bff6cbbfde9bd6f1');
    // Spot checks of the list: the first change (Israel's summer time of 1974) and the last of 2200.
    expect(list.slice(0, 5)).toEqual([120, 142380000, 180, 150843600, 120]);
    expect(list.slice(-4)).toEqual([7265548800, 180, 7283862000, 120]);
  });

  it("holds Israel's rule since 2013 as the tz database states it: from the Friday before the last Sunday of March (Fri>=23) to the last Sunday of October, at 02:00", () => {
    expect(ZONE_SNAPSHOT.zones['Asia/Jerusalem']!.rules).toEqual({ fromYear: 2013, changes: [[3, 5, 23, 120, 180], [10, 0, 25, 120, 120]] });
  });

  it.each(['Asia/Jerusalem', 'Europe/London', 'Australia/Sydney', 'America/Sao_Paulo', 'Pacific/Chatham', 'UTC'])(
    "%s: decoding the platform's changes, once encoded, gives them back exactly",
    (zone) => {
      const offsets = computeZoneOffsets(zone, ...range);
      expect(decodeZone(encodeZone(offsets, FROM_YEAR, TO_YEAR), FROM_YEAR, TO_YEAR)).toEqual(offsets);
    },
  );

  it('lists every change of a zone without summer time any more (no rules), and uses rules where a zone still changes', () => {
    expect(encodeZone(computeZoneOffsets('America/Sao_Paulo', ...range), FROM_YEAR, TO_YEAR).rules).toBeUndefined();
    expect(encodeZone(computeZoneOffsets('Australia/Sydney', ...range), FROM_YEAR, TO_YEAR).rules?.changes).toHaveLength(2);
  });

  it('refuses a change it cannot encode exactly (off a whole minute) instead of rounding it', () => {
    const offsets = [{ fromMs: -Infinity, offsetMs: 0 }, { fromMs: Date.UTC(1980, 5, 1, 0, 0, 30), offsetMs: 3_600_000 }];
    expect(() => encodeZone(offsets, FROM_YEAR, TO_YEAR)).toThrow(/no exact compact form/);
  });
});
