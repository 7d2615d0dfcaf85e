// The SLA targets as the customer may see them (R-SLA-6): each target's due time, and whether
// it was met, breached, is paused (R-SLA-5) or ended; none when the ticket has no SLA clock
// (an expired subscription, R-ENT-1).
import type { Schemas } from '../api/client.js';
import { useI18n } from '../i18n/index.js';

type SlaEntry = Schemas['SlaEntry'];
export type SlaTargets = Partial<Record<'firstResponse' | 'contact' | 'cssResponse', SlaEntry>>;
const ORDER = ['firstResponse', 'cssResponse', 'contact'] as const;

export type SlaState = 'met' | 'breached' | 'paused' | 'stopped' | 'running';

/** One target's state, as the panel words it: met wins over a breach recorded before it. */
export function slaState(e: SlaEntry): SlaState {
  if (e.metAt) return 'met';
  if (e.breachedAt) return 'breached';
  if (e.pausedAt) return 'paused';
  if (e.stoppedAt) return 'stopped';
  return 'running';
}

export function SlaPanel({ sla }: { sla: SlaTargets }) {
  const { t, date } = useI18n();
  const entries = ORDER.flatMap((name) => (sla[name] ? [[name, sla[name]] as const] : []));
  return (
    <section aria-labelledby="sla-title">
      <h2 id="sla-title">{t('sla.title')}</h2>
      {entries.length === 0 ? <p>{t('sla.none')}</p> : (
        <ul className="sla">
          {entries.map(([name, e]) => {
            const state = slaState(e);
            return (
              <li key={name}>
                <strong>{t(`sla.${name}`)}</strong>
                <div>{t('sla.due')} <time dateTime={e.dueAt}>{date(e.dueAt)}</time></div>
                <div className={state}>
                  {t(`sla.state.${state}`)}
                  {state === 'met' ? <> <time dateTime={e.metAt!}>{date(e.metAt!)}</time></> : null}
                  {state === 'breached' ? <> <time dateTime={e.breachedAt!}>{date(e.breachedAt!)}</time></> : null}
                </div>
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
