import { DomainError } from '../../domain/index.js';
import { linkArticle } from '../../domain/kb/index.js';
import { LinkArticleRequestSchema } from './article-schemas.js';
import { articleLinkText } from './articles.js';
import { readJsonBody } from './body.js';
import { actorOf } from './caller.js';
import { answerCommand, apiMessage, commandRequest } from './command.js';
import type { Deps } from './deps.js';
import { versioned } from './respond.js';
import { authedRoute } from './route.js';
import { toTicketView } from './views.js';
import { liveArticles, liveNewId, liveNow, livePolicies, liveTickets } from './wiring.js';

/**
 * POST /tickets/{id}/articles `{ articleId }` (the center): links a published article customers
 * may read to the ticket, in one write: `article-linked` on the ticket's history and a public
 * message with the link in the conversation (R-KB-1). It is not a reply: no SLA clock moves.
 */
export const makeLinkArticleHandler = (deps: Pick<Deps, 'tickets' | 'policies' | 'now' | 'newId' | 'articles'>) => authedRoute(async (event, caller) => {
  const command = commandRequest(event, caller); // Idempotency-Key, as every ticket POST
  const { articleId } = readJsonBody(event, LinkArticleRequestSchema);
  const article = await deps.articles.get(articleId);
  if (!article) throw new DomainError('invalid-input', 'no such article', { field: 'articleId' });
  const actor = actorOf(caller);
  return answerCommand(deps, command, (loaded, policy, now) => ({
    change: linkArticle(loaded.ticket, article, actor, policy, now),
    messages: [apiMessage(deps.newId(), loaded.ticket.id, now, actor, articleLinkText(article), 'public')],
  }), (after) => versioned(200, toTicketView(after.ticket, caller)));
});

export const handler = makeLinkArticleHandler({ tickets: liveTickets, policies: livePolicies, now: liveNow, newId: liveNewId, articles: liveArticles });
