// The desk's countdown text: the domain's clock, worded in each language (issue 10, R-SLA-6).
import { describe, expect, it } from 'vitest';
import { CHARTER_DEFAULTS as defaultPolicy } from '../../../../functions/domain/policy-defaults.js';
import { translator } from '../../i18n/index.js';
import { clockOf, countdownText } from './countdown.js';
import { matchesFilters } from './queue-filters.js';

// Opened Thursday 30 September 2027 15:00 in Israel, urgent: due Monday 4 October 09:30 (Rosh Hashana between).
const entry = {
  startAt: '2027-09-30T12:00:00.000Z', dueAt: '2027-10-04T06:30:00.000Z', warnAt: '2027-10-04T05:54:00.000Z',
  metAt: null, breachedAt: null, pausedAt: null, stoppedAt: null,
};
const en = translator('en');
const he = translator('he');
const at = (now: string) => clockOf(defaultPolicy, 'basic', 'firstResponse', entry, now);

describe('R-SLA-6: the countdown as the queue words it', () => {
  it('reads business time left and the due wall time, in English and Hebrew', () => {
    expect(countdownText(at('2027-09-30T13:20:00.000Z'), defaultPolicy, en)).toBe('1h 40m business time, due Mon 09:30');
    expect(countdownText(at('2027-10-03T07:00:00.000Z'), defaultPolicy, en)).toBe('1h 0m business time, due Mon 09:30'); // closed Sunday: still
    expect(countdownText(at('2027-09-30T13:20:00.000Z'), defaultPolicy, he)).toBe('1 ש׳ 40 ד׳ זמן עבודה, יעד יום ב׳ 09:30');
  });

  it('says when it is overdue, paused or met', () => {
    expect(countdownText(at('2027-10-04T07:00:00.000Z'), defaultPolicy, en)).toBe('0h 30m business time overdue, due Mon 09:30');
    expect(countdownText(clockOf(defaultPolicy, 'basic', 'firstResponse', { ...entry, pausedAt: '2027-09-30T13:00:00.000Z' }, '2027-10-20T07:00:00.000Z'), defaultPolicy, en))
      .toBe('Paused with 2h 0m business time left');
    expect(countdownText(clockOf(defaultPolicy, 'basic', 'firstResponse', { ...entry, metAt: '2027-09-30T13:00:00.000Z' }, '2027-10-20T07:00:00.000Z'), defaultPolicy, en)).toBe('Met');
  });
});

describe('the queue filters as the browser applies them before the API answers', () => {
  const item = { assignee: 'tier1@center.example', tier: 1, organisationId: 'acme', status: 'new', severity: 'urgent', slaState: 'ok', type: 'incident' } as never;
  it('match the API\'s filters one by one', () => {
    expect(matchesFilters(item, {}, 'tier1@center.example')).toBe(true);
    expect(matchesFilters(item, { mine: 'true' }, 'tier1@center.example')).toBe(true);
    expect(matchesFilters(item, { mine: 'true' }, 'tier2@center.example')).toBe(false);
    expect(matchesFilters(item, { unassigned: 'true' }, 'x')).toBe(false);
    expect(matchesFilters(item, { status: 'pending-vendor,new' }, 'x')).toBe(true);
    expect(matchesFilters(item, { severity: 'high' }, 'x')).toBe(false);
    expect(matchesFilters(item, { tier: '2' }, 'x')).toBe(false);
    expect(matchesFilters(item, { sla: 'breached' }, 'x')).toBe(false);
    expect(matchesFilters(item, { type: 'incident', organisationId: 'acme' }, 'x')).toBe(true);
  });
});
