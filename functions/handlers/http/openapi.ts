import * as z from '../../domain/zod.js';
import { ROUTES, type Route } from './routes.js';
import { ROUTE_DOCS, type RequestComponent, type ResponseComponent, type RouteDoc } from './openapi-routes.js';
import {
  AddMessageRequestSchema, CreateTicketRequestSchema, CreateUploadRequestSchema, EscalationRequestSchema, IdempotencyKeySchema, PutContactRequestSchema,
  LogWorkRequestSchema, PutOrganisationRequestSchema, ReportEmailRequestSchema, ReportSubscriptionRequestSchema, ResolutionRequestSchema, TransitionRequestSchema, UpdateTicketRequestSchema,
} from './schemas.js';
import {
  ComplianceReportSchema, ContactListSchema, ContactViewSchema, HistoryEntrySchema, MessageViewSchema, OrganisationPageSchema, OrganisationViewSchema,
  ProblemSchema, SlaEntrySchema, StatementSchema, TicketDetailSchema, TicketPageSchema, TicketReportSchema, TicketViewSchema, WorkEntryViewSchema,
  WorkListSchema, ReportRequestViewSchema, ReportSubscriptionListSchema, ReportSubscriptionViewSchema,
  AttachmentDownloadSchema, UploadLimitsSchema, UploadViewSchema,
} from './view-schemas.js';
import { CalendarViewSchema, PolicyViewSchema, QueuePageSchema } from './desk-view-schemas.js';
import { DOMAIN_PROBLEMS, EDGE_PROBLEMS } from './types.js';
import {
  ArticleFeedbackRequestSchema, ArticleSearchResultSchema, ArticleViewSchema, CreateArticleRequestSchema, LinkArticleRequestSchema, UpdateArticleRequestSchema,
} from './article-schemas.js';
import type { KbRequestComponent, KbResponseComponent } from './openapi-routes.js';

type Json = Record<string, unknown>;

const REQUESTS: Record<RequestComponent | KbRequestComponent, z.ZodMiniType> = {
  CreateArticleRequest: CreateArticleRequestSchema, UpdateArticleRequest: UpdateArticleRequestSchema,
  ArticleFeedbackRequest: ArticleFeedbackRequestSchema, LinkArticleRequest: LinkArticleRequestSchema,
  CreateTicketRequest: CreateTicketRequestSchema, AddMessageRequest: AddMessageRequestSchema, TransitionRequest: TransitionRequestSchema,
  ResolutionRequest: ResolutionRequestSchema, UpdateTicketRequest: UpdateTicketRequestSchema, EscalationRequest: EscalationRequestSchema,
  PutOrganisationRequest: PutOrganisationRequestSchema, PutContactRequest: PutContactRequestSchema, LogWorkRequest: LogWorkRequestSchema,
  ReportEmailRequest: ReportEmailRequestSchema, ReportSubscriptionRequest: ReportSubscriptionRequestSchema, CreateUploadRequest: CreateUploadRequestSchema,
};
const RESPONSES: Record<Exclude<ResponseComponent, 'OpenApiDocument'> | KbResponseComponent | 'SlaEntry' | 'MessageView' | 'HistoryEntry' | 'Problem', z.ZodMiniType> = {
  ArticleView: ArticleViewSchema, ArticleSearchResult: ArticleSearchResultSchema,
  TicketView: TicketViewSchema, TicketDetail: TicketDetailSchema, TicketPage: TicketPageSchema, SlaEntry: SlaEntrySchema,
  MessageView: MessageViewSchema, HistoryEntry: HistoryEntrySchema, OrganisationView: OrganisationViewSchema,
  OrganisationPage: OrganisationPageSchema, ContactView: ContactViewSchema, ContactList: ContactListSchema, Problem: ProblemSchema,
  WorkEntryView: WorkEntryViewSchema, WorkList: WorkListSchema, Statement: StatementSchema, TicketReport: TicketReportSchema,
  ComplianceReport: ComplianceReportSchema, ReportRequestView: ReportRequestViewSchema, ReportSubscriptionView: ReportSubscriptionViewSchema,
  QueuePage: QueuePageSchema, PolicyView: PolicyViewSchema, CalendarView: CalendarViewSchema,
  ReportSubscriptionList: ReportSubscriptionListSchema, UploadView: UploadViewSchema, UploadLimits: UploadLimitsSchema, AttachmentDownload: AttachmentDownloadSchema,
};

const ref = (id: string) => ({ $ref: `#/components/schemas/${id}` });
const bare = ({ $schema: _s, $id: _i, ...schema }: Json) => schema; // OpenAPI embeds schemas without their own $schema/$id
const inline = (schema: z.ZodMiniType) => bare(z.toJSONSchema(schema, { io: 'input' }) as Json);

/** Requests are described as clients send them (defaults optional), responses as the API answers. */
function components(schemas: Record<string, z.ZodMiniType>, io: 'input' | 'output'): Record<string, Json> {
  const registry = z.registry<{ id: string }>();
  for (const [id, schema] of Object.entries(schemas)) registry.add(schema, { id });
  const out = z.toJSONSchema(registry, { io, uri: (id) => `#/components/schemas/${id}` }).schemas as Record<string, Json>;
  return Object.fromEntries(Object.entries(out).map(([id, schema]) => [id, bare(schema)]));
}

const STATUS_TITLES: Record<number, string> = Object.fromEntries(
  [...Object.values(DOMAIN_PROBLEMS), ...Object.values(EDGE_PROBLEMS), { status: 409, title: 'Conflict' }, { status: 412, title: 'Precondition failed' }].map((p) => [p.status, p.title]),
);

function problemStatuses(route: Route, doc: RouteDoc): number[] {
  const implied = [
    ...(route.auth ? [401] : []), ...(doc.body || doc.query || doc.headers ? [400] : []),
    ...(doc.params ? [404] : []), ...(doc.body ? [413, 415] : []), 500,
  ];
  return [...new Set([...implied, ...(doc.problems ?? [])])].sort((a, b) => a - b);
}

/**
 * 401, said honestly: in AWS, API Gateway's JWT authorizer answers it before any function runs,
 * with its own body, which an HTTP API cannot customise (gateway responses are a REST API feature);
 * the local API answers problem+json. Both carry WWW-Authenticate.
 */
const UNAUTHORIZED: Json = {
  description: 'Authentication required. In AWS the JWT authorizer answers this itself, as application/json `{"message":"Unauthorized"}` '
    + '(HTTP APIs cannot customise it); the local API answers application/problem+json. Both send WWW-Authenticate: Bearer.',
  headers: { 'WWW-Authenticate': { schema: { type: 'string' } } },
  content: {
    'application/problem+json': { schema: ref('Problem') },
    'application/json': { schema: { type: 'object', properties: { message: { type: 'string', const: 'Unauthorized' } }, required: ['message'] } },
  },
};

function parameters(doc: RouteDoc): Json[] {
  const path = Object.entries(doc.params ?? {}).map(([name, schema]) => ({ name, in: 'path', required: true, schema: inline(schema) }));
  const query = Object.entries(doc.query?.shape ?? {}).map(([name, schema]) => ({
    name, in: 'query', required: !(schema as z.ZodMiniType).safeParse(undefined).success, schema: inline(schema as z.ZodMiniType),
  }));
  const headers = Object.entries(doc.headers ?? {}).map(([name, need]) => ({
    name, in: 'header', required: need === 'required',
    schema: name === 'If-Match' ? { type: 'string', description: 'the ETag of the version you read' } : inline(IdempotencyKeySchema),
  }));
  return [...path, ...query, ...headers];
}

function operation(route: Route, doc: RouteDoc): Json {
  const okHeaders = { ...(doc.ok.etag ? { ETag: { schema: { type: 'string' }, description: 'the version, for If-Match' } } : {}), ...(doc.ok.location ? { Location: { schema: { type: 'string' } } } : {}) };
  const okContent = doc.ok.schema === 'OpenApiDocument' ? { 'application/json': { schema: { type: 'object' } } }
    : doc.ok.schema ? { 'application/json': { schema: ref(doc.ok.schema) } } : undefined;
  const problems = Object.fromEntries(problemStatuses(route, doc).map((status) => [String(status), status === 401 ? UNAUTHORIZED : {
    description: STATUS_TITLES[status] ?? 'Problem', content: { 'application/problem+json': { schema: ref('Problem') } },
  }]));
  return {
    operationId: route.entry.replace(/-(\w)/g, (_m, c: string) => c.toUpperCase()),
    summary: doc.summary,
    security: route.auth ? [{ jwt: [] }] : route.tokenOptional ? [{ jwt: [] }, {}] : [], // {}: a token is optional
    parameters: parameters(doc),
    ...(doc.body ? { requestBody: { required: true, content: { 'application/json': { schema: ref(doc.body) } } } } : {}),
    responses: {
      [String(doc.ok.status)]: { description: doc.ok.description, headers: okHeaders, ...(okContent ? { content: okContent } : {}) },
      ...(doc.created ? { 201: { description: doc.created, headers: { ...okHeaders, Location: { schema: { type: 'string' } } }, content: okContent } } : {}),
      ...problems,
    },
  };
}

/** The OpenAPI 3.1 document of every route in routes.ts, generated from the zod schemas. */
export function buildOpenApiDocument(): Json {
  const paths: Record<string, Json> = {};
  for (const route of ROUTES) {
    const doc = ROUTE_DOCS[route.entry];
    if (!doc) throw new Error(`no OpenAPI description for route ${route.entry}`); // a new route must be described
    (paths[route.path] ??= {})[route.method.toLowerCase()] = operation(route, doc);
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Support desk API', version: '1.0.0',
      description: 'Tickets by the service charter; errors are RFC 9457 problem details (application/problem+json), an unknown path a 404 and a '
        + 'known path with another method a 405 naming its methods in Allow. One exception in AWS: the JWT authorizer\'s own 401 (see each 401).',
    },
    paths,
    components: {
      schemas: { ...components(REQUESTS, 'input'), ...components(RESPONSES, 'output') },
      securitySchemes: { jwt: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT', description: 'Cognito user pool token: cognito:groups for the role, custom:organisation for the organisation' } },
    },
  };
}
