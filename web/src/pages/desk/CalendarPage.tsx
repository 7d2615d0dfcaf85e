// The year's closed days with their reasons, and the operator's closures (issue 10 item 3, R-CAL-1, R-CAL-2).
import { useState } from 'react';
import type { ApiProblem } from '../../api/client.js';
import { Loading, ProblemMessage } from '../../components/Problem.js';
import { useI18n } from '../../i18n/index.js';
import { navigate, useLocation, withQuery } from '../../router/router.js';
import { useCalendar } from './desk-api.js';
import { thisMonth } from './CompliancePage.js';
import './desk.css';

export default function CalendarPage() {
  const { t } = useI18n();
  const { pathname, search } = useLocation();
  const year = search.get('year') ?? thisMonth().from.slice(0, 4);
  const [weekends, setWeekends] = useState(false);
  const calendar = useCalendar(`${year}-01-01`, `${year}-12-31`);
  const c = calendar.data;
  const days = (c?.days ?? []).filter((d) => weekends || d.reason !== 'weekend');
  const weekday = (date: string) => t(`day.${(Math.floor(Date.parse(`${date}T00:00:00Z`) / 86_400_000) + 4) % 7}`);
  return (
    <>
      <h1>{t('calendar.title')} {year}</h1>
      <form className="desk-filters" onSubmit={(e) => e.preventDefault()}>
        <label>{t('calendar.year')}
          <input type="number" min={2000} max={2100} value={year} onChange={(e) => e.target.value.length === 4 && navigate(withQuery(pathname, search, { year: e.target.value }), { replace: true })} />
        </label>
        <label className="inline"><input type="checkbox" checked={weekends} onChange={(e) => setWeekends(e.target.checked)} /> {t('calendar.weekends')}</label>
      </form>
      {calendar.error ? <ProblemMessage problem={calendar.error as ApiProblem} /> : null}
      {!c && !calendar.error ? <Loading /> : null}
      {c ? (
        <>
          <p>{t('calendar.hours', { open: c.hours.basic.open, close: c.hours.basic.close, eopen: c.hours.extended.open, eclose: c.hours.extended.close })}</p>
          <p>{t('calendar.operator', { add: c.closures.add.join(', ') || t('orgs.none'), remove: c.closures.remove.join(', ') || t('orgs.none') })}</p>
          <table className="queue">
            <caption>{t('calendar.title')} {year}</caption>
            <thead><tr><th scope="col">{t('calendar.date')}</th><th scope="col">{t('calendar.day')}</th><th scope="col">{t('calendar.reason')}</th><th scope="col">{t('calendar.name')}</th></tr></thead>
            <tbody>
              {days.map((d) => (
                <tr key={d.date}><td><bdi>{d.date}</bdi></td><td>{weekday(d.date)}</td><td>{t(`calendar.reason.${d.reason}`)}</td><td><bdi>{d.name}</bdi></td></tr>
              ))}
            </tbody>
          </table>
        </>
      ) : null}
    </>
  );
}
