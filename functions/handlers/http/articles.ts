// What the knowledge-base routes share: who reads, the article in a path, and the article as a reader sees it.
import { DomainError } from '../../domain/index.js';
import { canSeeArticle, type Article, type ArticleVersion, type Audience } from '../../domain/kb/index.js';
import type { ArticleStats, ArticleStore } from '../../adapters/article-store.js';
import { isStaff, type Caller } from './caller.js';
import { ArticleIdSchema, type ArticleView } from './article-schemas.js';
import type { HttpEvent } from './types.js';

export const audienceOf = (caller: Caller | null): Audience => (caller === null ? 'anonymous' : isStaff(caller) ? 'staff' : 'customer');

/** R-KB-1: agents and support managers write articles. */
export function assertMayWriteArticles(caller: Caller): void {
  if (!['agent-tier1', 'agent-tier2', 'agent-tier3', 'support-manager'].includes(caller.role)) {
    throw new DomainError('not-allowed', 'agents and support managers write articles', { role: caller.role });
  }
}

/** A malformed id is a 404, like an unknown one (params.ts). */
export function articleIdOf(event: Pick<HttpEvent, 'pathParameters'>): string {
  const parsed = ArticleIdSchema.safeParse(event.pathParameters?.id ?? '');
  if (!parsed.success) throw new DomainError('not-found', 'article not found');
  return parsed.data;
}

/** The article if `audience` may see it; otherwise 404, as if absent (a draft or internal one included). */
export async function loadArticleFor(articles: Pick<ArticleStore, 'get'>, audience: Audience, id: string): Promise<Article> {
  const article = await articles.get(id);
  if (!article || !canSeeArticle(article, audience)) throw new DomainError('not-found', 'article not found', { id });
  return article;
}

/**
 * An article stored before bodies were rendered when written, until its next write or index
 * build renders it (Article): its text escaped, a paragraph per blank line. Inert by
 * construction, and never an empty article; this module must not import the Markdown renderer (issue 13).
 */
export function bodyAsEscapedHtml(body: string): string {
  const escaped = body.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  return escaped.split(/\n\s*\n/).map((p) => p.trim()).filter((p) => p !== '').map((p) => `<p>${p.replace(/\n/g, '<br>\n')}</p>\n`).join('');
}

/** The article as `audience` reads it: the body's HTML as rendered when written; who wrote it, counters and versions for the center only. */
export function toArticleView(a: Article, audience: Audience, extra: { stats?: ArticleStats; versions?: ArticleVersion[] } = {}): ArticleView {
  return {
    id: a.id, version: a.version, status: a.status, title: a.title, body: a.body, html: a.html ?? bodyAsEscapedHtml(a.body),
    language: a.language, visibility: a.visibility, tags: [...a.tags], createdAt: a.createdAt, updatedAt: a.updatedAt, publishedAt: a.publishedAt,
    ...(audience === 'staff' ? {
      createdBy: a.createdBy, updatedBy: a.updatedBy,
      ...(extra.stats ? { stats: extra.stats } : {}),
      ...(extra.versions ? { versions: extra.versions.map((v) => ({ version: v.version, status: v.status, at: v.at, by: v.by, change: v.change, title: v.title })) } : {}),
    } : {}),
  };
}

/** A linked article as the customer reads it in the conversation: its title and its path in the portal. */
export const articleLinkText = (article: { id: string; title: string }): string => `📄 ${article.title}\n/kb/${article.id}`;
