// One article (R-KB-1), as its visibility allows the reader, with "was this helpful?".
import { useState } from 'react';
import type { ApiProblem } from '../../api/client.js';
import { useArticle, useArticleFeedback } from '../../api/kb.js';
import { Loading, ProblemMessage } from '../../components/Problem.js';
import { useI18n } from '../../i18n/index.js';
import { Link } from '../../router/router.js';
import type { PageProps } from '../../router/routes.js';
import { ArticleBody } from './ArticleBody.js';

export default function ArticlePage({ params }: PageProps) {
  const { t, date } = useI18n();
  const { data: article, error } = useArticle(params.id!);
  if (error) {
    return (
      <>
        <h1>{t('kb.title')}</h1>
        {(error as ApiProblem).status === 404 ? <p>{t('kb.notFound')}</p> : <ProblemMessage problem={error as ApiProblem} />}
        <p><Link to="/kb">{t('kb.back')}</Link></p>
      </>
    );
  }
  if (!article) return <Loading />;
  return (
    <article aria-labelledby="kb-article-title">
      <p><Link to="/kb">{t('kb.back')}</Link></p>
      <h1 id="kb-article-title" lang={article.language} dir={article.language === 'he' ? 'rtl' : 'ltr'}><bdi>{article.title}</bdi></h1>
      <p className="meta">{t('kb.updated')} <time dateTime={article.updatedAt}>{date(article.updatedAt, 'date')}</time></p>
      <ArticleBody article={article} />
      <Helpful id={article.id} />
    </article>
  );
}

/** "Was this helpful?": one vote per visit. */
export function Helpful({ id }: { id: string }) {
  const { t } = useI18n();
  const feedback = useArticleFeedback(id);
  const [voted, setVoted] = useState(false);
  if (voted) return <p role="status">{t('kb.helpful.thanks')}</p>;
  const vote = (helpful: boolean) => feedback.mutate({ helpful }, { onSuccess: () => setVoted(true) });
  return (
    <fieldset className="kb-helpful">
      <legend>{t('kb.helpful')}</legend>
      <button type="button" onClick={() => vote(true)} disabled={feedback.isPending}>{t('kb.helpful.yes')}</button>
      <button type="button" onClick={() => vote(false)} disabled={feedback.isPending}>{t('kb.helpful.no')}</button>
      {feedback.error ? <ProblemMessage problem={feedback.error as ApiProblem} /> : null}
    </fieldset>
  );
}
