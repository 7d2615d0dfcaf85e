// Write, preview, publish and withdraw an article (R-KB-1; agents and support managers). The
// form checks with the API's own request schema; the preview uses the API's own Markdown
// renderer (raw HTML off, script links refused), so what is previewed is what readers get.
import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { ArticleContentSchema } from '../../../../functions/domain/kb/article.js';
import { renderMarkdown } from '../../../../functions/adapters/search/markdown.js';
import { ApiProblem } from '../../api/client.js';
import { useArticle, useArticleStatus, useSaveArticle, type ArticleView } from '../../api/kb.js';
import { Field, problemFieldErrors, zodFieldErrors, type FieldErrors } from '../../components/forms.js';
import { Loading, ProblemMessage } from '../../components/Problem.js';
import { useI18n } from '../../i18n/index.js';
import { Link, navigate } from '../../router/router.js';
import type { PageProps } from '../../router/routes.js';

type Draft = { title: string; body: string; language: 'he' | 'en'; visibility: 'public' | 'customers' | 'internal'; tags: string };
const EMPTY: Draft = { title: '', body: '', language: 'he', visibility: 'public', tags: '' };
const draftOf = (a: ArticleView): Draft => ({ title: a.title, body: a.body, language: a.language, visibility: a.visibility, tags: a.tags.join(', ') });

export default function ArticleEditorPage({ params }: PageProps) {
  const id = params.id;
  const { data: article, error } = useArticleOrNone(id);
  if (error) return <ProblemMessage problem={error as ApiProblem} />;
  if (id && !article) return <Loading />;
  return <Editor key={`${id ?? 'new'}:${article?.version ?? 0}`} article={article ?? null} />;
}

function useArticleOrNone(id: string | undefined) {
  const found = useArticle(id ?? '');
  return id ? found : { data: undefined, error: null };
}

function Editor({ article }: { article: ArticleView | null }) {
  const { t } = useI18n();
  const [draft, setDraft] = useState<Draft>(article ? draftOf(article) : EMPTY);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [saved, setSaved] = useState<number | null>(null);
  const save = useSaveArticle();
  const status = useArticleStatus();
  const patch = (p: Partial<Draft>) => setDraft((d) => ({ ...d, ...p }));
  const preview = useMemo(() => renderMarkdown(draft.body), [draft.body]);
  useEffect(() => setSaved(null), [draft]);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const body = { title: draft.title, body: draft.body, language: draft.language, visibility: draft.visibility, tags: draft.tags.split(',').map((x) => x.trim()).filter(Boolean) };
    const checked = ArticleContentSchema.safeParse(body);
    if (!checked.success) { setErrors(zodFieldErrors(checked.error, t)); return; }
    setErrors({});
    try {
      const result = await save.mutateAsync(article ? { id: article.id, version: article.version, body } : { body });
      setSaved(result.version);
      if (!article) navigate(`/kb/desk/${result.id}`, { replace: true });
    } catch (error) {
      if (error instanceof ApiProblem) setErrors(problemFieldErrors(error, t));
    }
  };

  return (
    <>
      <p><Link to="/kb/desk">{t('nav.kbDesk')}</Link></p>
      <h1>{article ? t('kb.editor.edit') : t('kb.editor.new')}</h1>
      {article ? <p role="status">{t('kb.editor.status', { status: t(`kb.desk.status.${article.status}`) })}</p> : null}
      {saved ? <p role="status">{t('kb.editor.saved', { version: saved })}</p> : null}
      <div className="kb-editor">
        <form onSubmit={submit} noValidate>
          <Field id="title" label={t('kb.editor.title')} error={errors.title}>
            {(a) => <input {...a} type="text" value={draft.title} maxLength={200} onChange={(e) => patch({ title: e.target.value })} />}
          </Field>
          <Field id="language" label={t('kb.editor.language')} error={errors.language}>
            {(a) => (
              <select {...a} value={draft.language} onChange={(e) => patch({ language: e.target.value as Draft['language'] })}>
                <option value="he">{t('kb.language.he')}</option>
                <option value="en">{t('kb.language.en')}</option>
              </select>
            )}
          </Field>
          <Field id="visibility" label={t('kb.editor.visibility')} error={errors.visibility}>
            {(a) => (
              <select {...a} value={draft.visibility} onChange={(e) => patch({ visibility: e.target.value as Draft['visibility'] })}>
                {(['public', 'customers', 'internal'] as const).map((v) => <option key={v} value={v}>{t(`kb.visibility.${v}`)}</option>)}
              </select>
            )}
          </Field>
          <Field id="tags" label={t('kb.editor.tags')} error={errors.tags}>
            {(a) => <input {...a} type="text" value={draft.tags} onChange={(e) => patch({ tags: e.target.value })} />}
          </Field>
          <Field id="body" label={t('kb.editor.body')} error={errors.body}>
            {(a) => <textarea {...a} rows={16} value={draft.body} dir={draft.language === 'he' ? 'rtl' : 'ltr'} onChange={(e) => patch({ body: e.target.value })} />}
          </Field>
          {save.error && !Object.keys(errors).length ? <ProblemMessage problem={save.error as ApiProblem} /> : null}
          <p className="actions">
            <button type="submit" className="primary" disabled={save.isPending}>{t('kb.editor.save')}</button>
            {article && article.status !== 'published' ? (
              <button type="button" disabled={status.isPending} onClick={() => status.mutate({ id: article.id, to: 'publish' })}>{t('kb.editor.publish')}</button>
            ) : null}
            {article && article.status === 'published' ? (
              <button type="button" disabled={status.isPending} onClick={() => status.mutate({ id: article.id, to: 'withdraw' })}>{t('kb.editor.withdraw')}</button>
            ) : null}
          </p>
          {status.error ? <ProblemMessage problem={status.error as ApiProblem} /> : null}
        </form>
        <section aria-labelledby="kb-preview" className="kb-preview">
          <h2 id="kb-preview">{t('kb.editor.preview')}</h2>
          <h3 lang={draft.language}><bdi>{draft.title}</bdi></h3>
          <div className="kb-body" lang={draft.language} dir={draft.language === 'he' ? 'rtl' : 'ltr'} dangerouslySetInnerHTML={{ __html: preview }} />
        </section>
      </div>
      {article?.versions?.length ? (
        <section aria-labelledby="kb-versions">
          <h2 id="kb-versions">{t('kb.editor.versions')}</h2>
          <ol>
            {article.versions.map((v) => <li key={v.version}>{t('kb.editor.version', { version: v.version, change: t(`kb.change.${v.change}`), by: v.by })} <time dateTime={v.at}>{v.at}</time></li>)}
          </ol>
        </section>
      ) : null}
    </>
  );
}
