import { DomainError } from '../errors.js';
import { beginCommand, finishCommand } from '../lifecycle/draft.js';
import type { Policy } from '../policy-defaults.js';
import type { Actor, Change, Ticket } from '../types.js';
import type { Article } from './article.js';

/**
 * R-KB-1: an agent links an article to a ticket; the link is one event on the ticket's history
 * (`article-linked`), which the customer sees. Only a published article the ticket's customer
 * may read can be linked (an internal one would show them a link they cannot open).
 */
export function linkArticle(ticket: Ticket, article: Pick<Article, 'id' | 'title' | 'language' | 'status' | 'visibility'>, actor: Actor, policy: Policy, now: string): Change {
  if (actor.party !== 'agent') throw new DomainError('not-allowed', 'only the center links articles to tickets');
  if (article.status !== 'published' || article.visibility === 'internal') {
    throw new DomainError('invalid-transition', 'only a published article customers may read can be linked', { field: 'articleId', status: article.status, visibility: article.visibility });
  }
  const d = beginCommand(ticket, policy, now);
  d.events.push({ type: 'article-linked', at: now, actor, data: { articleId: article.id, title: article.title, language: article.language } });
  return finishCommand(d);
}
