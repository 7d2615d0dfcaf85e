// The countdown as the desk shows it: the domain's own calendar and SLA code (functions/domain,
// imported, never copied), on the policy the ticket runs on, so the browser's "time left" is the
// server's deadline to the second (issue 10, R-SLA-6).
import { getBusinessCalendar, type CalendarKind } from '../../../../functions/domain/calendar/business-calendar.js';
import { computeSlaClock, splitBusinessTime, wallClockOf, type SlaClock } from '../../../../functions/domain/sla/countdown.js';
import type { Policy } from '../../../../functions/domain/policy-defaults.js';
import type { SlaTarget, TargetName } from '../../../../functions/domain/types.js';
import type { Schemas } from '../../api/client.js';
import type { Translate } from '../../i18n/index.js';

export type SlaEntry = Schemas['SlaEntry'];
export type { SlaClock };

/** A target as the API shows it, as the domain's SlaTarget (the fields the clock reads). */
const asTarget = (target: TargetName, e: SlaEntry): SlaTarget => ({ ...e, target, warnedAt: null, pausedMinutes: 0 });

/** The clock of one target of a ticket at `now`, on its policy's calendar (R-CAL-3: extended hours when entitled). */
export function clockOf(policy: Policy, calendar: CalendarKind, target: TargetName, entry: SlaEntry, now: string): SlaClock {
  return computeSlaClock(getBusinessCalendar(policy, calendar), asTarget(target, entry), now);
}

/** "1h 40m business time, due Sun 10:30" in the person's language; overdue and paused say so. */
export function countdownText(clock: SlaClock, policy: Policy, t: Translate): string {
  const { hours, minutes } = splitBusinessTime(clock.leftMs);
  const wall = wallClockOf(clock.dueAt, policy.timeZone);
  const vars = { h: hours, m: minutes, day: t(`day.${wall.weekday}`), time: wall.time };
  switch (clock.state) {
    case 'met': return t('countdown.met');
    case 'stopped': return t('countdown.stopped');
    case 'paused': return t('countdown.paused', vars);
    case 'breached': return t('countdown.overdue', vars);
    default: return t('countdown.left', vars);
  }
}
