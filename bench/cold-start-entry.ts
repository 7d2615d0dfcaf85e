/**
 * What a cold Lambda does before its first SLA deadline: load the domain (calendar and policy)
 * and compute one first-response deadline, holidays included. bench/calendar.ts bundles this
 * file with esbuild (the domain split into chunks loaded by these imports) and runs it in fresh
 * processes; it also runs it unbundled under tsx. Prints the timings as JSON.
 */
const startMs = performance.now();
const { addBusinessMinutes, getBusinessCalendar } = await import('../functions/domain/calendar/index.js');
const calendarLoadedMs = performance.now();
const { CHARTER_DEFAULTS: defaultPolicy } = await import('../functions/domain/policy-defaults.js');
const policyLoadedMs = performance.now();
// Tuesday 31 March 2026 14:00 in Israel + 6 h: across Erev Pesach, Pesach I and the weekend.
const dueAt = addBusinessMinutes(getBusinessCalendar(defaultPolicy, 'basic'), '2026-03-31T11:00:00Z', 360);
const doneMs = performance.now();

process.stdout.write(JSON.stringify({
  coldStartMs: doneMs - startMs,
  calendarImportMs: calendarLoadedMs - startMs,
  policyImportMs: policyLoadedMs - calendarLoadedMs,
  firstDeadlineMs: doneMs - policyLoadedMs,
  dueAt,
}));
