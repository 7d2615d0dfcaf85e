// The knowledge base's request and response schemas (issue 11), for validation and the OpenAPI document.
import * as z from 'zod';
import { ArticleContentSchema, ArticleLanguageSchema, ArticleStatusSchema, ArticleVisibilitySchema } from '../../domain/kb/index.js';

export const ArticleIdSchema = z.uuid();

export const CreateArticleRequestSchema = ArticleContentSchema;
export const UpdateArticleRequestSchema = ArticleContentSchema;
export const PublishArticleRequestSchema = z.strictObject({}).optional();

/** "Was this helpful?" (a vote), or a ticket not written after reading the article (a deflection, sent by the portal). */
export const ArticleFeedbackRequestSchema = z.strictObject({ helpful: z.boolean().optional(), deflected: z.literal(true).optional() })
  .refine((f) => (f.helpful === undefined) !== (f.deflected === undefined), { path: ['helpful'], message: 'send either helpful (true or false) or deflected: true' });
export const LinkArticleRequestSchema = z.strictObject({ articleId: ArticleIdSchema });

export const MAX_QUERY_CHARS = 200;
/** GET /articles: `q` searches, without it the articles are browsed (by `tag`); `status` lists the desk's articles from the table (staff). */
export const SearchArticlesQuerySchema = z.strictObject({
  q: z.string().max(MAX_QUERY_CHARS, `at most ${MAX_QUERY_CHARS} characters`).optional(),
  language: ArticleLanguageSchema.optional(),
  tag: z.string().trim().min(1).max(40).transform((t) => t.toLowerCase()).optional(),
  limit: z.coerce.number().int().min(1).max(50).default(10),
  status: z.enum(['draft', 'published', 'withdrawn', 'all']).optional().describe('the center only: list articles in that status from the table, with their counters'),
});

const Instant = z.iso.datetime();
export const ArticleStatsSchema = z.object({ views: z.number().int(), helpful: z.number().int(), notHelpful: z.number().int(), deflections: z.number().int() });

export const ArticleViewSchema = z.object({
  id: z.string(), version: z.number().int(), status: ArticleStatusSchema,
  title: z.string(), body: z.string().describe('Markdown as written'), html: z.string().describe('the body rendered: no raw HTML, no script or data links'),
  language: ArticleLanguageSchema, visibility: ArticleVisibilitySchema, tags: z.array(z.string()),
  createdAt: Instant, updatedAt: Instant, publishedAt: Instant.nullable(),
  createdBy: z.string().optional(), updatedBy: z.string().optional(),
  stats: ArticleStatsSchema.optional().describe('the center only'),
  versions: z.array(z.object({ version: z.number().int(), status: ArticleStatusSchema, at: Instant, by: z.string(), change: z.enum(['created', 'revised', 'published', 'withdrawn']), title: z.string() }))
    .optional().describe('the center only: every version, who made it and when'),
});
export type ArticleView = z.output<typeof ArticleViewSchema>;

export const ArticleSearchResultSchema = z.object({
  items: z.array(z.object({
    id: z.string(), title: z.string(), snippet: z.string().describe('HTML: the text escaped, matched words in <mark>'), language: ArticleLanguageSchema, score: z.number(), tags: z.array(z.string()),
    status: ArticleStatusSchema.optional(), visibility: ArticleVisibilitySchema.optional(), stats: ArticleStatsSchema.optional(),
  })),
});
