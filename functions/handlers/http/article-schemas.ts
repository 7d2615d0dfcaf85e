// The knowledge base's request and response schemas (issue 11), for validation and the OpenAPI document.
import * as z from '../../domain/zod.js';
import { ArticleContentSchema, ArticleLanguageSchema, ArticleStatusSchema, ArticleVisibilitySchema } from '../../domain/kb/index.js';

export const ArticleIdSchema = /* @__PURE__ */ z.schema(() => z.uuid());

export const CreateArticleRequestSchema = /* @__PURE__ */ z.schema(() => ArticleContentSchema);
export const UpdateArticleRequestSchema = /* @__PURE__ */ z.schema(() => ArticleContentSchema);
export const PublishArticleRequestSchema = /* @__PURE__ */ z.schema(() => z.optional(z.strictObject({})));

/** "Was this helpful?" (a vote), or a ticket not written after reading the article (a deflection, sent by the portal). */
export const ArticleFeedbackRequestSchema = /* @__PURE__ */ z.schema(() => z.strictObject({ helpful: z.optional(z.boolean()), deflected: z.optional(z.literal(true)) })
  .check(z.refine((f) => (f.helpful === undefined) !== (f.deflected === undefined), { path: ['helpful'], message: 'send either helpful (true or false) or deflected: true' })));
export const LinkArticleRequestSchema = /* @__PURE__ */ z.schema(() => z.strictObject({ articleId: ArticleIdSchema }));

export const MAX_QUERY_CHARS = 200;
/** GET /articles: `q` searches, without it the articles are browsed (by `tag`); `status` lists the desk's articles from the table (staff). */
export const SearchArticlesQuerySchema = /* @__PURE__ */ z.schema(() => z.strictObject({
  q: z.optional(z.string().check(z.maxLength(MAX_QUERY_CHARS, `at most ${MAX_QUERY_CHARS} characters`))),
  language: z.optional(ArticleLanguageSchema),
  tag: z.optional(z.pipe(z.string().check(z.trim(), z.minLength(1), z.maxLength(40)), z.transform((t: string) => t.toLowerCase()))),
  limit: z._default(z.coerce.number().check(z.int(), z.gte(1), z.lte(50)), 10),
  status: z.optional(z.enum(['draft', 'published', 'withdrawn', 'all'])).check(z.describe('the center only: list articles in that status from the table, with their counters')),
}));

const Instant = /* @__PURE__ */ z.schema(() => z.iso.datetime());
export const ArticleStatsSchema = /* @__PURE__ */ z.schema(() => z.object({ views: z.number().check(z.int()), helpful: z.number().check(z.int()), notHelpful: z.number().check(z.int()), deflections: z.number().check(z.int()) }));

export const ArticleViewSchema = /* @__PURE__ */ z.schema(() => z.object({
  id: z.string(), version: z.number().check(z.int()), status: ArticleStatusSchema,
  title: z.string(), body: z.string().check(z.describe('Markdown as written')), html: z.string().check(z.describe('the body rendered: no raw HTML, no script or data links')),
  language: ArticleLanguageSchema, visibility: ArticleVisibilitySchema, tags: z.array(z.string()),
  createdAt: Instant, updatedAt: Instant, publishedAt: z.nullable(Instant),
  createdBy: z.optional(z.string()), updatedBy: z.optional(z.string()),
  stats: z.optional(ArticleStatsSchema).check(z.describe('the center only')),
  versions: z.optional(z.array(z.object({ version: z.number().check(z.int()), status: ArticleStatusSchema, at: Instant, by: z.string(), change: z.enum(['created', 'revised', 'published', 'withdrawn']), title: z.string() })))
    .check(z.describe('the center only: every version, who made it and when')),
}));
export type ArticleView = z.output<typeof ArticleViewSchema>;

export const ArticleSearchResultSchema = /* @__PURE__ */ z.schema(() => z.object({
  items: z.array(z.object({
    id: z.string(), title: z.string(), snippet: z.string().check(z.describe('HTML: the text escaped, matched words in <mark>')), language: ArticleLanguageSchema, score: z.number(), tags: z.array(z.string()),
    status: z.optional(ArticleStatusSchema), visibility: z.optional(ArticleVisibilitySchema), stats: z.optional(ArticleStatsSchema),
  })),
}));
