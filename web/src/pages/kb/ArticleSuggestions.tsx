// Beside the new-ticket form (R-KB-1): the articles that match what the customer is writing,
// searched as they type (debounced). An article opened here, and the page then left without a
// ticket, counts as a deflected ticket (POST /articles/{id}/feedback { deflected: true }).
import { useEffect, useRef, useState } from 'react';
import { useApi } from '../../api/client.js';
import { useArticle, useArticles, type ArticleHit } from '../../api/kb.js';
import { useI18n } from '../../i18n/index.js';
import { freshIdToken } from '../../session/session.js';
import { ArticleBody } from './ArticleBody.js';
import { ArticleList } from './InfoCenterPage.js';

const DEBOUNCE_MS = 300;
const MAX_QUERY = 200; // the API's limit on q

function useDebounced(value: string): string {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [value]);
  return settled;
}

export function ArticleSuggestions({ subject, description, submitted }: { subject: string; description: string; submitted: boolean }) {
  const { t } = useI18n();
  const { config } = useApi();
  // The subject says most; the description's opening words add to it, within the API's limit.
  const q = useDebounced(`${subject} ${description}`.trim().replace(/\s+/g, ' ').slice(0, MAX_QUERY));
  const { data } = useArticles({ q, limit: 5 }, q.length >= 2);
  const [open, setOpen] = useState<ArticleHit | null>(null);
  const opened = useRef(new Set<string>());
  const done = useRef(false);
  done.current = submitted;

  // Leaving the form (another page, or the tab closed) without a ticket: each article opened here deflected one.
  useEffect(() => {
    const report = () => {
      if (done.current || opened.current.size === 0) return;
      const ids = [...opened.current];
      opened.current.clear();
      void freshIdToken(config).then((token) => {
        for (const id of ids) {
          void fetch(`${config.apiUrl}/articles/${id}/feedback`, {
            method: 'POST', keepalive: true, body: JSON.stringify({ deflected: true }),
            headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
          }).catch(() => undefined);
        }
      });
    };
    window.addEventListener('pagehide', report);
    return () => { window.removeEventListener('pagehide', report); report(); };
  }, [config]);

  const items = data?.items ?? [];
  return (
    <aside className="kb-suggestions" aria-labelledby="kb-suggestions-title" aria-live="polite">
      <h2 id="kb-suggestions-title">{t('kb.suggestions')}</h2>
      {items.length === 0 ? <p className="hint">{t('kb.suggestions.hint')}</p> : null}
      {open ? <OpenArticle hit={open} onClose={() => setOpen(null)} /> : (
        <ArticleList items={items} onOpen={(hit) => { opened.current.add(hit.id); setOpen(hit); }} />
      )}
    </aside>
  );
}

function OpenArticle({ hit, onClose }: { hit: ArticleHit; onClose: () => void }) {
  const { t } = useI18n();
  const { data: article } = useArticle(hit.id);
  return (
    <section aria-labelledby="kb-open-title">
      <h3 id="kb-open-title"><bdi>{hit.title}</bdi></h3>
      {article ? <ArticleBody article={article} /> : null}
      <p><button type="button" onClick={onClose}>{t('kb.suggestions.close')}</button></p>
    </section>
  );
}
