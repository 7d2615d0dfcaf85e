import type { ArticleView } from '../../api/kb.js';

/** An article's body: the API's HTML, rendered from Markdown with raw HTML off and script links refused. */
export function ArticleBody({ article }: { article: Pick<ArticleView, 'html' | 'language'> }) {
  return <div className="kb-body" lang={article.language} dir={article.language === 'he' ? 'rtl' : 'ltr'} dangerouslySetInnerHTML={{ __html: article.html }} />;
}
