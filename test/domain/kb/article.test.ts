import { describe, expect, it } from 'vitest';
import { DomainError, defaultPolicy } from '../../../functions/domain/index.js';
import {
  canSeeArticle, createArticle, publishArticle, reviseArticle, visibilitiesFor, withdrawArticle,
  type ArticleStatus, type RenderedContent, type ArticleVisibility, type Audience,
} from '../../../functions/domain/kb/index.js';
import { linkArticle } from '../../../functions/domain/kb/link-article.js';
import { aTicket } from '../../fixtures/builders.js';

const T0 = '2026-06-07T06:00:00.000Z';
const T1 = '2026-06-07T07:00:00.000Z';
const T2 = '2026-06-08T07:00:00.000Z';
const content = (over: Partial<RenderedContent> = {}): RenderedContent => ({
  title: 'התקנת השרת', body: 'הריצו את **קובץ** ההתקנה.', html: '<p>הריצו את <strong>קובץ</strong> ההתקנה.</p>\n', summary: 'הריצו את קובץ ההתקנה.',
  language: 'he', visibility: 'public', tags: ['התקנה'], ...over,
});
const codeOf = (fn: () => unknown) => { try { fn(); } catch (e) { return (e as DomainError).code; } return null; };

describe('R-KB-1: articles keep every version, with who changed it and when', () => {
  it('starts as a draft, version 1, and each change is a new version recording its author, instant and kind', () => {
    const v1 = createArticle('a1', content(), 'tier1@center.example', T0);
    expect(v1.article).toMatchObject({ id: 'a1', version: 1, status: 'draft', createdBy: 'tier1@center.example', publishedAt: null });
    expect(v1.version).toMatchObject({ articleId: 'a1', version: 1, status: 'draft', by: 'tier1@center.example', at: T0, change: 'created' });
    const v2 = reviseArticle(v1.article, content({ title: 'התקנת שרת' }), 'tier2@center.example', T1);
    expect(v2.version).toMatchObject({ version: 2, by: 'tier2@center.example', at: T1, change: 'revised', title: 'התקנת שרת' });
    expect(v2.article).toMatchObject({ createdBy: 'tier1@center.example', updatedBy: 'tier2@center.example', version: 2 });
    const v3 = publishArticle(v2.article, 'manager@center.example', T2);
    expect(v3.version).toMatchObject({ version: 3, status: 'published', change: 'published' });
    expect(v3.article.publishedAt).toBe(T2);
    const v4 = withdrawArticle(v3.article, 'manager@center.example', T2);
    expect(v4.version).toMatchObject({ version: 4, status: 'withdrawn', change: 'withdrawn' });
    expect(v1.article.version).toBe(1); // the earlier state is untouched
  });

  it('keeps the body\'s rendering on the article, the new one on a revision, the same one through publish and withdraw; a version keeps the text only', () => {
    const v1 = createArticle('a1', content(), 'x', T0);
    expect(v1.article).toMatchObject({ html: '<p>הריצו את <strong>קובץ</strong> ההתקנה.</p>\n', summary: 'הריצו את קובץ ההתקנה.' });
    const v2 = reviseArticle(v1.article, content({ body: 'גרסה **שתיים**', html: '<p>גרסה <strong>שתיים</strong></p>\n', summary: 'גרסה שתיים' }), 'x', T1);
    expect(v2.article).toMatchObject({ body: 'גרסה **שתיים**', html: '<p>גרסה <strong>שתיים</strong></p>\n', summary: 'גרסה שתיים' });
    const v3 = publishArticle(v2.article, 'x', T2);
    const v4 = withdrawArticle(v3.article, 'x', T2);
    for (const change of [v3, v4]) expect(change.article).toMatchObject({ html: v2.article.html, summary: v2.article.summary });
    for (const change of [v1, v2, v3, v4]) expect(Object.keys(change.version)).not.toEqual(expect.arrayContaining(['html']));
    for (const change of [v1, v2, v3, v4]) expect(change.version).not.toHaveProperty('summary');
  });

  it('refuses publishing a published article and withdrawing one that is not published (409)', () => {
    const draft = createArticle('a1', content(), 'x', T0).article;
    const published = publishArticle(draft, 'x', T1).article;
    expect(codeOf(() => publishArticle(published, 'x', T2))).toBe('invalid-transition');
    expect(codeOf(() => withdrawArticle(draft, 'x', T2))).toBe('invalid-transition');
    expect(codeOf(() => publishArticle(withdrawArticle(published, 'x', T2).article, 'x', T2))).toBeNull(); // a withdrawn one may come back
  });
});

describe('R-KB-1: each visibility for each reader', () => {
  const AUDIENCES: Audience[] = ['anonymous', 'customer', 'staff'];
  const VISIBILITIES: ArticleVisibility[] = ['public', 'customers', 'internal'];
  const EXPECTED: Record<Audience, Record<ArticleVisibility, boolean>> = {
    anonymous: { public: true, customers: false, internal: false },
    customer: { public: true, customers: true, internal: false },
    staff: { public: true, customers: true, internal: true },
  };
  it.each(AUDIENCES.flatMap((a) => VISIBILITIES.map((v) => [a, v] as const)))('%s reading a published %s article', (audience, visibility) => {
    expect(canSeeArticle({ status: 'published', visibility }, audience)).toBe(EXPECTED[audience][visibility]);
    expect(visibilitiesFor(audience).includes(visibility)).toBe(EXPECTED[audience][visibility]);
  });
  it.each(['draft', 'withdrawn'] as ArticleStatus[])('a %s article: the center only', (status) => {
    expect(canSeeArticle({ status, visibility: 'public' }, 'anonymous')).toBe(false);
    expect(canSeeArticle({ status, visibility: 'public' }, 'customer')).toBe(false);
    expect(canSeeArticle({ status, visibility: 'internal' }, 'staff')).toBe(true);
  });
});

describe('R-KB-1: an agent links an article to a ticket', () => {
  const agent = { party: 'agent' as const, id: 'tier1@center.example' };
  const published = { id: 'a1', title: 'Reloads', language: 'en' as const, status: 'published' as const, visibility: 'customers' as const };
  it('records article-linked on the ticket, one version more, no SLA target met', () => {
    const ticket = aTicket(T0);
    const change = linkArticle(ticket, published, agent, defaultPolicy, ticket.createdAt);
    expect(change.ticket.version).toBe(ticket.version + 1);
    expect(change.events.map((e) => e.type)).toEqual(['article-linked']);
    expect(change.events[0]!.data).toEqual({ articleId: 'a1', title: 'Reloads', language: 'en' });
    expect(change.ticket.sla.firstResponse?.metAt ?? null).toBeNull();
  });
  it('refuses a customer, an internal article and an unpublished one', () => {
    const ticket = aTicket(T0);
    expect(codeOf(() => linkArticle(ticket, published, { party: 'customer', id: 'dana@acme.example' }, defaultPolicy, ticket.createdAt))).toBe('not-allowed');
    expect(codeOf(() => linkArticle(ticket, { ...published, visibility: 'internal' }, agent, defaultPolicy, ticket.createdAt))).toBe('invalid-transition');
    expect(codeOf(() => linkArticle(ticket, { ...published, status: 'draft' }, agent, defaultPolicy, ticket.createdAt))).toBe('invalid-transition');
  });
});
