// Articles and tickets (R-KB-1): the articles linked to a ticket, as links the customer can open,
// and, for the center, a search to link one more (POST /tickets/{id}/articles: on the ticket's
// history and in its conversation). Mounted by the ticket's page; the desk's workspace can too.
import { useQueryClient, useMutation } from '@tanstack/react-query';
import { useState, useSyncExternalStore } from 'react';
import { call, useApi, type ApiProblem } from '../../api/client.js';
import { useArticles } from '../../api/kb.js';
import type { TicketDetail } from '../../api/tickets.js';
import { ProblemMessage } from '../../components/Problem.js';
import { useI18n } from '../../i18n/index.js';
import { Link } from '../../router/router.js';
import { isCustomerSide } from '../../session/claims.js';
import { currentPerson, subscribe } from '../../session/session.js';

export function TicketArticles({ ticket }: { ticket: Pick<TicketDetail, 'id' | 'history'> }) {
  const { t } = useI18n();
  const person = useSyncExternalStore(subscribe, currentPerson);
  const linked = ticket.history.filter((h) => h.type === 'article-linked');
  const center = !!person && !isCustomerSide(person.role);
  if (!linked.length && !center) return null;
  return (
    <section aria-labelledby="ticket-articles">
      <h2 id="ticket-articles">{t('kb.linked.title')}</h2>
      {linked.length ? (
        <ul>
          {linked.map((h) => <li key={h.id}><Link to={`/kb/${String(h.data.articleId)}`}><bdi>{String(h.data.title)}</bdi></Link></li>)}
        </ul>
      ) : <p>{t('kb.linked.none')}</p>}
      {center ? <LinkArticle ticketId={ticket.id} /> : null}
    </section>
  );
}

function LinkArticle({ ticketId }: { ticketId: string }) {
  const { t } = useI18n();
  const { client } = useApi();
  const queryClient = useQueryClient();
  const [q, setQ] = useState('');
  const { data } = useArticles({ q, limit: 5 }, q.trim().length >= 2);
  const link = useMutation({
    mutationFn: (articleId: string) => call(client.POST('/tickets/{id}/articles', { params: { path: { id: ticketId } }, body: { articleId } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['ticket'] }),
  });
  return (
    <div className="kb-link">
      <label htmlFor="kb-link-q">{t('kb.linked.search')}</label>{' '}
      <input id="kb-link-q" type="search" value={q} maxLength={200} onChange={(e) => setQ(e.target.value)} />
      <ul>
        {(data?.items ?? []).map((hit) => (
          <li key={hit.id}>
            <bdi>{hit.title}</bdi>{' '}
            <button type="button" disabled={link.isPending} onClick={() => link.mutate(hit.id)} aria-label={t('kb.linked.link', { title: hit.title })}>{t('kb.linked.linkShort')}</button>
          </li>
        ))}
      </ul>
      {link.error ? <ProblemMessage problem={link.error as ApiProblem} /> : null}
    </div>
  );
}
