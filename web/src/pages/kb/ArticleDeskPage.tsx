// The desk's articles (R-KB-1): every article in every status, and for managers what readers did
// with each: views, helpful and unhelpful votes, tickets not written after reading it.
import type { ApiProblem } from '../../api/client.js';
import { useArticles } from '../../api/kb.js';
import { Loading, ProblemMessage } from '../../components/Problem.js';
import { useI18n } from '../../i18n/index.js';
import { Link, navigate, useLocation, withQuery } from '../../router/router.js';

const STATUSES = ['all', 'draft', 'published', 'withdrawn'] as const;

export default function ArticleDeskPage() {
  const { t } = useI18n();
  const { pathname, search } = useLocation();
  const chosen = search.get('status');
  const status = STATUSES.find((s) => s === chosen) ?? 'all';
  const { data, error } = useArticles({ status, limit: 50 });
  return (
    <>
      <h1>{t('kb.desk.title')}</h1>
      <p><Link to="/kb/desk/new" className="button primary">{t('kb.desk.new')}</Link></p>
      <label htmlFor="kb-status">{t('kb.desk.status')}</label>{' '}
      <select id="kb-status" value={status} onChange={(e) => navigate(withQuery(pathname, search, { status: e.target.value === 'all' ? undefined : e.target.value }))}>
        {STATUSES.map((s) => <option key={s} value={s}>{t(`kb.desk.status.${s}`)}</option>)}
      </select>
      {error ? <ProblemMessage problem={error as ApiProblem} /> : null}
      {!data ? <Loading /> : (
        <table className="kb-desk">
          <caption>{t('kb.desk.caption')}</caption>
          <thead>
            <tr>
              {['title', 'status', 'visibility', 'views', 'helpful', 'notHelpful', 'deflections'].map((c) => <th key={c} scope="col">{t(`kb.desk.column.${c}`)}</th>)}
            </tr>
          </thead>
          <tbody>
            {data.items.map((a) => (
              <tr key={a.id}>
                <td lang={a.language}><Link to={`/kb/desk/${a.id}`}><bdi>{a.title}</bdi></Link></td>
                <td>{a.status ? t(`kb.desk.status.${a.status}`) : ''}</td>
                <td>{a.visibility ? t(`kb.visibility.${a.visibility}`) : ''}</td>
                <td>{a.stats?.views ?? 0}</td>
                <td>{a.stats?.helpful ?? 0}</td>
                <td>{a.stats?.notHelpful ?? 0}</td>
                <td>{a.stats?.deflections ?? 0}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
