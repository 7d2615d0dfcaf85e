import * as z from '../../domain/zod.js';
import { ContactEmailSchema, OrganisationIdSchema, TicketRefSchema } from './params.js';
import { ArticleIdSchema, SearchArticlesQuerySchema } from './article-schemas.js';
import { CalendarQuerySchema, PolicyQuerySchema, QueueQuerySchema } from './desk-schemas.js';
import { ListOrganisationsQuerySchema, ListTicketsQuerySchema, MonthSchema, ReportPeriodFieldsSchema } from './schemas.js';

// What the OpenAPI document says of each route in routes.ts, by entry. Schemas are named by
// their component id (openapi.ts registers them), so the document is generated, never typed.

export type RequestComponent =
  | 'CreateTicketRequest' | 'AddMessageRequest' | 'TransitionRequest' | 'ResolutionRequest' | 'UpdateTicketRequest'
  | 'EscalationRequest' | 'PutOrganisationRequest' | 'PutContactRequest' | 'LogWorkRequest' | 'ReportEmailRequest' | 'ReportSubscriptionRequest'
  | 'CreateUploadRequest';
export type ResponseComponent = 'TicketView' | 'TicketDetail' | 'TicketPage' | 'OrganisationView' | 'OrganisationPage' | 'ContactView' | 'ContactList'
  | 'WorkEntryView' | 'WorkList' | 'Statement' | 'TicketReport' | 'ComplianceReport' | 'ReportRequestView' | 'ReportSubscriptionView'
  | 'ReportSubscriptionList' | 'OpenApiDocument' | 'UploadView' | 'UploadLimits' | 'AttachmentDownload'
  | 'QueuePage' | 'PolicyView' | 'CalendarView';
type HeaderName = 'Idempotency-Key' | 'If-Match';
/** The knowledge base's components (issue 11), registered by openapi.ts from article-schemas.ts. */
export type KbRequestComponent = 'CreateArticleRequest' | 'UpdateArticleRequest' | 'ArticleFeedbackRequest' | 'LinkArticleRequest';
export type KbResponseComponent = 'ArticleView' | 'ArticleSearchResult';

export type RouteDoc = {
  summary: string;
  params?: Record<string, z.ZodMiniType>;
  query?: z.ZodMiniObject;
  headers?: Partial<Record<HeaderName, 'required' | 'optional'>>;
  body?: RequestComponent | KbRequestComponent;
  ok: { status: number; description: string; schema?: ResponseComponent | KbResponseComponent; etag?: true; location?: true };
  created?: string; // also answers 201 with Location (and the same schema) when the request creates something
  problems?: number[]; // besides those that follow from the route's shape (400, 401, 404, 413, 500)
};

const ticket = { id: TicketRefSchema };
const org = { id: OrganisationIdSchema };
const contact = { id: OrganisationIdSchema, email: ContactEmailSchema };
const command = (summary: string, body: RequestComponent, problems: number[] = []): RouteDoc => ({
  summary, params: ticket, headers: { 'If-Match': 'optional', 'Idempotency-Key': 'optional' }, body,
  ok: { status: 200, description: 'the ticket after the command (a retry with the same Idempotency-Key gets the same answer)', schema: 'TicketView', etag: true }, problems: [403, 409, 412, 422, ...problems],
});

const article = { id: ArticleIdSchema };

/** The knowledge base (R-KB-1, issue 11). */
const KB_ROUTE_DOCS: Readonly<Record<string, RouteDoc>> = {
  'create-article': {
    summary: 'Write a new article, a draft (R-KB-1; agents and support managers)', body: 'CreateArticleRequest',
    ok: { status: 201, description: 'the draft', schema: 'ArticleView', etag: true, location: true }, problems: [403],
  },
  'search-articles': {
    summary: 'Search the published articles the caller may read (with or without a token), or browse them by tag; the center lists by status', query: SearchArticlesQuerySchema,
    ok: { status: 200, description: 'best first, each with a snippet whose matched words are in <mark>', schema: 'ArticleSearchResult' }, problems: [401, 403],
  },
  'get-article': {
    summary: 'An article as its visibility allows (public ones without a token); otherwise 404', params: article,
    ok: { status: 200, description: 'the article, its body rendered to safe HTML', schema: 'ArticleView', etag: true }, problems: [401],
  },
  'update-article': {
    summary: 'Save a new version of an article (every version is kept)', params: article, headers: { 'If-Match': 'required' }, body: 'UpdateArticleRequest',
    ok: { status: 200, description: 'the article', schema: 'ArticleView', etag: true }, problems: [403, 409, 412, 428],
  },
  'publish-article': {
    summary: 'Publish an article: readers and search see it', params: article, headers: { 'If-Match': 'optional' },
    ok: { status: 200, description: 'the article', schema: 'ArticleView', etag: true }, problems: [403, 409, 412],
  },
  'withdraw-article': {
    summary: 'Withdraw a published article from readers and search', params: article, headers: { 'If-Match': 'optional' },
    ok: { status: 200, description: 'the article', schema: 'ArticleView', etag: true }, problems: [403, 409, 412],
  },
  'article-feedback': {
    summary: '"Was this helpful?" or a deflected ticket, on an article the caller may read (with or without a token)', params: article, body: 'ArticleFeedbackRequest',
    ok: { status: 204, description: 'counted' }, problems: [401],
  },
  'link-article': {
    summary: "Link a published article to a ticket: on the ticket's history and in the conversation (the center)", params: ticket, headers: { 'If-Match': 'optional', 'Idempotency-Key': 'optional' }, body: 'LinkArticleRequest',
    ok: { status: 200, description: 'the ticket (a retry with the same Idempotency-Key gets the same answer)', schema: 'TicketView', etag: true }, problems: [403, 409, 412, 422],
  },
};

export const ROUTE_DOCS: Readonly<Record<string, RouteDoc>> = {
  'create-ticket': {
    summary: 'Open a ticket (R-TKT-1); a partner names the customer organisation (R-PARTY-2)', headers: { 'Idempotency-Key': 'optional' }, body: 'CreateTicketRequest',
    ok: { status: 201, description: 'the new ticket (a retry with the same Idempotency-Key gets the same answer)', schema: 'TicketView', etag: true, location: true }, problems: [403, 422],
  },
  'list-tickets': { summary: "Tickets the caller may see, filtered, newest first", query: ListTicketsQuerySchema, ok: { status: 200, description: 'a page of tickets', schema: 'TicketPage' } },
  'get-ticket': { summary: 'A ticket with its messages and history as the caller may see them', params: ticket, ok: { status: 200, description: 'the ticket', schema: 'TicketDetail', etag: true } },
  'update-ticket': {
    summary: 'Reclassify severity with a reason (R-TKT-5), fault, outage, assignee, remote access', params: ticket, headers: { 'If-Match': 'required' },
    body: 'UpdateTicketRequest', ok: { status: 200, description: 'the ticket', schema: 'TicketView', etag: true }, problems: [403, 409, 412, 428],
  },
  'add-message': {
    ...command('A public reply or an internal note (R-SLA-2, R-PEND-1)', 'AddMessageRequest'),
    created: "a customer's reply to a Closed ticket opened a new ticket linked to it (R-CLOSE-5)",
  },
  'change-status': command('Change status (R-PEND-1, R-VEND-1, R-CLOSE-1); the domain decides who may', 'TransitionRequest'),
  'decide-resolution': command('The customer confirms or rejects the solution (R-CLOSE-2)', 'ResolutionRequest'),
  'escalate-ticket': command('Escalate internally, one tier up (R-ESC-1), or externally, to the HOS then the CCO (R-ESC-2)', 'EscalationRequest'),
  'log-work': {
    summary: 'Log work on the ticket: start, minutes, remote / on-site / travel, in or out of scope (R-BILL-3; agents)', params: ticket,
    headers: { 'If-Match': 'optional', 'Idempotency-Key': 'optional' }, body: 'LogWorkRequest',
    ok: { status: 201, description: 'the entry; the ETag is the ticket\'s new version', schema: 'WorkEntryView', etag: true, location: true }, problems: [403, 409, 412, 422],
  },
  'list-work': { summary: "The ticket's logged work and its total (R-BILL-3; the center)", params: ticket, ok: { status: 200, description: 'the work log', schema: 'WorkList' }, problems: [403] },
  'get-statement': {
    summary: "A month's work billed to the organisation, each line free or billable by rule (R-BILL-1..3, R-CAL-4, R-PARTY-2)",
    params: { ...org, month: MonthSchema }, ok: { status: 200, description: 'the statement', schema: 'Statement' }, problems: [403],
  },
  'close-statement': {
    summary: "Close an ended month's statement: it is frozen, and work into that month is refused after (R-BILL-3; support managers)",
    params: { ...org, month: MonthSchema }, ok: { status: 201, description: 'the closed statement', schema: 'Statement', location: true }, problems: [403, 409],
  },
  'get-ticket-report': {
    summary: "An organisation's tickets of a period with SLA outcomes and time spent (R-RPT-2)", params: org, query: ReportPeriodFieldsSchema,
    ok: { status: 200, description: 'the report', schema: 'TicketReport' },
  },
  'email-report': {
    summary: "Email me the organisation's ticket report of a period (R-RPT-1, on request)", params: org, body: 'ReportEmailRequest',
    ok: { status: 202, description: 'the report is on its way; the outbox sends it once', schema: 'ReportRequestView' },
  },
  'list-report-subscriptions': {
    summary: 'Periodic ticket reports by email: a customer sees its own, support managers everyone\'s (R-RPT-1)', params: org,
    ok: { status: 200, description: 'the subscriptions', schema: 'ReportSubscriptionList' }, problems: [403],
  },
  'put-report-subscription': {
    summary: 'Subscribe to the ticket report, weekly or monthly, or change it (R-RPT-1)', params: contact, body: 'ReportSubscriptionRequest',
    ok: { status: 200, description: 'changed', schema: 'ReportSubscriptionView' }, created: 'subscribed', problems: [403],
  },
  'delete-report-subscription': { summary: 'Unsubscribe from the ticket report (R-RPT-1)', params: contact, ok: { status: 204, description: 'unsubscribed' }, problems: [403] },
  'get-compliance-report': {
    summary: "The center's SLA compliance of a period per severity, target and organisation (R-RPT-2; managers)", query: ReportPeriodFieldsSchema,
    ok: { status: 200, description: 'the report', schema: 'ComplianceReport' }, problems: [403],
  },
  'list-organisations': { summary: 'The directory (administrators, support managers); a partner gets its own customers (R-PARTY-2)', query: ListOrganisationsQuerySchema, ok: { status: 200, description: 'a page of organisations', schema: 'OrganisationPage' }, problems: [403] },
  'get-organisation': { summary: 'An organisation (administrators, support managers)', params: org, ok: { status: 200, description: 'the organisation', schema: 'OrganisationView', etag: true }, problems: [403] },
  'put-organisation': {
    summary: 'Create an organisation, or replace it with If-Match (administrators)', params: org, headers: { 'If-Match': 'optional' }, body: 'PutOrganisationRequest',
    ok: { status: 200, description: 'replaced', schema: 'OrganisationView', etag: true }, created: 'created', problems: [403, 409, 412, 428],
  },
  'list-contacts': { summary: "An organisation's contacts (administrators, support managers)", params: org, ok: { status: 200, description: 'the contacts', schema: 'ContactList' }, problems: [403] },
  'put-contact': {
    summary: 'Create or replace a contact (administrators)', params: contact, body: 'PutContactRequest',
    ok: { status: 200, description: 'replaced', schema: 'ContactView' }, created: 'created', problems: [403, 409],
  },
  'delete-contact': { summary: 'Remove a contact (administrators)', params: contact, ok: { status: 204, description: 'removed' }, problems: [403] },
  'create-upload': {
    summary: 'A short-lived URL to PUT one attachment to, signed for its type and size; attach its uploadId to a new ticket or a message',
    body: 'CreateUploadRequest', ok: { status: 201, description: 'PUT the bytes to uploadUrl with uploadHeaders before expiresAt', schema: 'UploadView' }, problems: [403],
  },
  'get-upload-limits': { summary: 'What an attachment may be: size, count per message, types', ok: { status: 200, description: 'the limits', schema: 'UploadLimits' } },
  'get-attachment': {
    summary: "A short-lived download URL of an attachment on a message the caller may read (R-TKT-6: never an internal note's for a customer)",
    params: { ...ticket, attachmentId: z.string().check(z.regex(/^[\w-]{1,64}$/)) }, ok: { status: 200, description: 'GET url before expiresAt; it downloads as fileName', schema: 'AttachmentDownload' },
  },
  'get-openapi': { summary: 'This document', ok: { status: 200, description: 'the OpenAPI 3.1 document', schema: 'OpenApiDocument' } },
  ...KB_ROUTE_DOCS,
  'get-queue': {
    summary: "The agents' queue: every open ticket, soonest next SLA deadline first, breached first of all, filtered (R-PORTAL-2, R-SLA-6; the center)",
    query: QueueQuerySchema, ok: { status: 200, description: 'a page of the queue', schema: 'QueuePage' }, problems: [403],
  },
  'get-policy': {
    summary: "The current policy, and those of the versions asked for: the calendar a countdown runs on (R-CAL-1..3, R-SLA-2)", query: PolicyQuerySchema,
    ok: { status: 200, description: 'the policies', schema: 'PolicyView' },
  },
  'get-calendar': {
    summary: 'The closed days of a period with their reasons, and the operator closures (R-CAL-1, R-CAL-2)', query: CalendarQuerySchema,
    ok: { status: 200, description: 'the calendar', schema: 'CalendarView' },
  },
};
