// The information center (R-KB-1): browse the articles by topic, or search them (Hebrew with its
// prefix letters, English with its inflections: the API's analyzer); anyone may read, signed in
// or not. Snippets come from the API HTML-escaped, with only <mark> around the matched words.
import { useState, type FormEvent } from 'react';
import { useArticles, type ArticleHit, type ArticleQuery } from '../../api/kb.js';
import type { ApiProblem } from '../../api/client.js';
import { ProblemMessage } from '../../components/Problem.js';
import { useI18n } from '../../i18n/index.js';
import { Link, navigate, useLocation, withQuery } from '../../router/router.js';

export default function InfoCenterPage() {
  const { t } = useI18n();
  const { pathname, search } = useLocation();
  const q = search.get('q') ?? '';
  const tag = search.get('tag') ?? '';
  const language = search.get('language') ?? '';
  const [typed, setTyped] = useState(q);
  const query: ArticleQuery = { limit: 50, ...(q.trim() ? { q } : {}), ...(tag ? { tag } : {}), ...(language === 'he' || language === 'en' ? { language } : {}) };
  const { data, error, isLoading } = useArticles(query);
  // Topics from the articles as browsed (not searched): the same list whatever the query.
  const { data: all } = useArticles({ limit: 50 });
  const tags = [...new Set((all?.items ?? []).flatMap((a) => a.tags))].sort();

  const submit = (e: FormEvent) => {
    e.preventDefault();
    navigate(withQuery(pathname, search, { q: typed.trim() || undefined }));
  };

  return (
    <>
      <h1>{t('kb.title')}</h1>
      <form role="search" onSubmit={submit} className="kb-search">
        <label htmlFor="kb-q">{t('kb.search')}</label>
        <input id="kb-q" type="search" value={typed} maxLength={200} onChange={(e) => setTyped(e.target.value)} />
        <label htmlFor="kb-language">{t('kb.language')}</label>
        <select id="kb-language" value={language} onChange={(e) => navigate(withQuery(pathname, search, { language: e.target.value || undefined }))}>
          <option value="">{t('kb.language.any')}</option>
          <option value="he">{t('kb.language.he')}</option>
          <option value="en">{t('kb.language.en')}</option>
        </select>
        <button type="submit">{t('kb.searchButton')}</button>
      </form>
      {tags.length ? (
        <nav aria-label={t('kb.tags')} className="kb-tags">
          <Link to={withQuery(pathname, search, { tag: undefined })} aria-current={tag ? undefined : 'true'}>{t('kb.tag.all')}</Link>
          {tags.map((x) => <Link key={x} to={withQuery(pathname, search, { tag: x })} aria-current={x === tag ? 'true' : undefined}><bdi>{x}</bdi></Link>)}
        </nav>
      ) : null}
      {error ? <ProblemMessage problem={error as ApiProblem} /> : null}
      <section aria-labelledby="kb-results">
        <h2 id="kb-results">{t('kb.results')}</h2>
        {!isLoading && data && data.items.length === 0 ? <p>{t('kb.none')}</p> : null}
        <ArticleList items={data?.items ?? []} />
      </section>
    </>
  );
}

/** A list of articles: each title a link, the snippet beside it. */
export function ArticleList({ items, onOpen }: { items: readonly ArticleHit[]; onOpen?: (hit: ArticleHit) => void }) {
  return (
    <ul className="kb-list">
      {items.map((hit) => (
        <li key={hit.id} lang={hit.language} dir={hit.language === 'he' ? 'rtl' : 'ltr'}>
          {onOpen
            ? <button type="button" className="link" onClick={() => onOpen(hit)}><bdi>{hit.title}</bdi></button>
            : <Link to={`/kb/${hit.id}`}><bdi>{hit.title}</bdi></Link>}
          {/* The API escapes the snippet and adds only <mark>: safe to show as HTML. */}
          <p className="snippet" dangerouslySetInnerHTML={{ __html: hit.snippet }} />
        </li>
      ))}
    </ul>
  );
}
