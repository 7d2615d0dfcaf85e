// R-KB-1: the information center's articles. Pure: the handlers pass ids, instants and people in.
import * as z from '../zod.js';
import { DomainError } from '../errors.js';

export const ArticleLanguageSchema = /* @__PURE__ */ z.schema(() => z.enum(['he', 'en']));
export type ArticleLanguage = z.infer<typeof ArticleLanguageSchema>;
/** `public`: anyone, signed in or not; `customers`: any signed-in customer or partner; `internal`: staff only. */
export const ArticleVisibilitySchema = /* @__PURE__ */ z.schema(() => z.enum(['public', 'customers', 'internal']));
export type ArticleVisibility = z.infer<typeof ArticleVisibilitySchema>;
export const ArticleStatusSchema = /* @__PURE__ */ z.schema(() => z.enum(['draft', 'published', 'withdrawn']));
export type ArticleStatus = z.infer<typeof ArticleStatusSchema>;

const Tag = /* @__PURE__ */ z.schema(() => z.string().check(z.trim(), z.minLength(1), z.maxLength(40), z.regex(/^[\p{L}\p{N}][\p{L}\p{N} _-]*$/u, 'letters, digits, spaces, _ and -')));

/** What an author writes; the body is Markdown (rendered inert at the edge: no raw HTML, no script links). */
export const ArticleContentSchema = /* @__PURE__ */ z.schema(() => z.strictObject({
  title: z.string().check(z.trim(), z.minLength(1), z.maxLength(200)),
  body: z.string().check(z.minLength(1), z.maxLength(50_000)), // 50,000 characters: inside the API's 64 KiB body even with the title and tags
  language: ArticleLanguageSchema,
  visibility: ArticleVisibilitySchema,
  tags: z.pipe(z._default(z.array(Tag).check(z.maxLength(20)), []), z.transform((tags: string[]) => [...new Set(tags.map((t) => t.toLowerCase()))])),
}));
export type ArticleContent = z.output<typeof ArticleContentSchema>;

/**
 * The body as readers get it, rendered once when the text is written (create, revise) and stored
 * with the article: its safe HTML, and the opening of its plain text for listings. Reads return
 * them as stored, so a read renders nothing (issue 13).
 */
export type RenderedBody = { html: string; summary: string };
/** What an author wrote, with its body rendered. */
export type RenderedContent = ArticleContent & RenderedBody;

/**
 * An article. `html` and `summary` are absent only on one stored before bodies were rendered when
 * written: its next write or the next index build renders them, and readers meanwhile get the
 * body as escaped text.
 */
export type Article = ArticleContent & Partial<RenderedBody> & {
  id: string;
  version: number;
  status: ArticleStatus;
  createdAt: string;
  createdBy: string;
  updatedAt: string;
  updatedBy: string;
  publishedAt: string | null;
};

/** Every version is kept: what it held, its status, who made it and when, and what the change was. */
export type ArticleVersion = ArticleContent & {
  articleId: string;
  version: number;
  status: ArticleStatus;
  at: string;
  by: string;
  change: 'created' | 'revised' | 'published' | 'withdrawn';
};

export type ArticleChange = { article: Article; version: ArticleVersion };

/** Who reads: nobody signed in, a customer-side person (customer or partner), or the center's staff. */
export type Audience = 'anonymous' | 'customer' | 'staff';

const VISIBLE: Record<Audience, readonly ArticleVisibility[]> = {
  anonymous: ['public'],
  customer: ['public', 'customers'],
  staff: ['public', 'customers', 'internal'],
};

/** The visibilities an audience may read (search filters on them). */
export const visibilitiesFor = (audience: Audience): readonly ArticleVisibility[] => VISIBLE[audience];

/** Staff see every article in every status; everyone else only published ones their visibility allows. */
export const canSeeArticle = (article: Pick<Article, 'status' | 'visibility'>, audience: Audience): boolean =>
  audience === 'staff' || (article.status === 'published' && VISIBLE[audience].includes(article.visibility));

const versionOf = (article: Article, change: ArticleVersion['change']): ArticleVersion => ({
  articleId: article.id, version: article.version, status: article.status, at: article.updatedAt, by: article.updatedBy, change,
  title: article.title, body: article.body, language: article.language, visibility: article.visibility, tags: [...article.tags],
});

/** A new article: always a draft, version 1. The version keeps the text, not its rendering. */
export function createArticle(id: string, content: RenderedContent, by: string, now: string): ArticleChange {
  const article: Article = { ...content, tags: [...content.tags], id, version: 1, status: 'draft', createdAt: now, createdBy: by, updatedAt: now, updatedBy: by, publishedAt: null };
  return { article, version: versionOf(article, 'created') };
}

/** A new version of the text, with its new rendering; a published article stays published (its search entry follows). */
export function reviseArticle(article: Article, content: RenderedContent, by: string, now: string): ArticleChange {
  const next: Article = { ...article, ...content, tags: [...content.tags], version: article.version + 1, updatedAt: now, updatedBy: by };
  return { article: next, version: versionOf(next, 'revised') };
}

/** Draft or withdrawn to published; publishing a published article is a 409. */
export function publishArticle(article: Article, by: string, now: string): ArticleChange {
  if (article.status === 'published') throw new DomainError('invalid-transition', 'the article is already published', { id: article.id, status: article.status });
  const next: Article = { ...article, status: 'published', version: article.version + 1, updatedAt: now, updatedBy: by, publishedAt: now };
  return { article: next, version: versionOf(next, 'published') };
}

/** Published to withdrawn (gone from search and from customers); anything else is a 409. */
export function withdrawArticle(article: Article, by: string, now: string): ArticleChange {
  if (article.status !== 'published') throw new DomainError('invalid-transition', 'only a published article can be withdrawn', { id: article.id, status: article.status });
  const next: Article = { ...article, status: 'withdrawn', version: article.version + 1, updatedAt: now, updatedBy: by };
  return { article: next, version: versionOf(next, 'withdrawn') };
}
