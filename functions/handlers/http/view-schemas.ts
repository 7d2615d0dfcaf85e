import { z } from 'zod';
import { ContactSchema, FaultSchema, OrganisationSchema, SeveritySchema, StatusSchema, TicketTypeSchema } from '../../domain/index.js';

// Response schemas: what the API answers, so the OpenAPI document describes real answers and
// views.ts is checked against them at compile time (and in tests, at run time).

const Instant = z.iso.datetime().describe('UTC instant, ISO 8601 with Z');
const Person = z.object({ name: z.string(), email: z.string() });
const Actor = z.object({ party: z.enum(['customer', 'agent', 'system']), id: z.string() });

/** One SLA target (R-SLA-6): null where not yet. */
export const SlaEntrySchema = z.object({
  startAt: Instant, dueAt: Instant, warnAt: Instant,
  metAt: Instant.nullable(), breachedAt: Instant.nullable(),
  pausedAt: Instant.nullable().describe('R-SLA-5: set while the clock is paused'),
  stoppedAt: Instant.nullable().describe('ended unmet and unbreached (resolved before it fell due)'),
});

export const TicketViewSchema = z.object({
  id: z.string(), number: z.string(), type: TicketTypeSchema, severity: SeveritySchema, status: StatusSchema,
  organisationId: z.string(), subject: z.string(), createdAt: Instant, version: z.number().int(),
  statusSince: Instant, channel: z.enum(['api', 'email']), openedBy: z.string(),
  sla: z.object({ firstResponse: SlaEntrySchema.optional(), contact: SlaEntrySchema.optional(), cssResponse: SlaEntrySchema.optional() })
    .describe('one entry per target that applies: contact once work has started (R-SLA-4), cssResponse for CSS service requests (R-SLA-3)'),
  slaHistory: z.array(SlaEntrySchema).describe('finished contact cycles'),
  entitlement: z.object({ subscription: z.enum(['active', 'expired']), calendar: z.enum(['basic', 'extended']), css: z.boolean() })
    .describe('R-ENT-1..3, R-CAL-3: frozen at opening; an expired subscription has no SLA clock'),
  packages: z.array(z.string()), csm: Person.nullable(), cse: Person.nullable(),
  outage: z.boolean(), remoteAccess: z.boolean(), fault: FaultSchema.nullable(), assignee: z.string().nullable(),
  tier: z.number().int().min(1).max(4).optional().describe('R-ESC-1 support tier; shown to the center only'),
  externalEscalation: z.enum(['none', 'hos', 'cco']), vendorCaseNumber: z.string().nullable(),
  linkedTicketId: z.string().nullable(), partnerId: z.string().nullable(), workStartedAt: Instant.nullable(),
});
export type TicketView = z.output<typeof TicketViewSchema>;

export const MessageViewSchema = z.object({
  id: z.string(), at: Instant, author: Actor, visibility: z.enum(['public', 'internal']), body: z.string(),
  attachments: z.array(z.object({ name: z.string(), contentType: z.string(), size: z.number().int() })), channel: z.enum(['api', 'email']),
});
export type MessageView = z.output<typeof MessageViewSchema>;

export const HistoryEntrySchema = z.object({ id: z.string(), type: z.string(), at: Instant, actor: Actor, data: z.record(z.string(), z.unknown()) });
export type HistoryEntry = z.output<typeof HistoryEntrySchema>;

export const TicketDetailSchema = TicketViewSchema.extend({ messages: z.array(MessageViewSchema), history: z.array(HistoryEntrySchema) });
export type TicketDetail = z.output<typeof TicketDetailSchema>;

export const TicketPageSchema = z.object({ items: z.array(TicketViewSchema), cursor: z.string().nullable().describe('pass back for the next page; null at the end') });

// OrganisationSchema is refined (so no .extend); its shape is reused as is.
export const OrganisationViewSchema = z.object({ ...OrganisationSchema.shape, version: z.number().int() });
export type OrganisationView = z.output<typeof OrganisationViewSchema>;
export const OrganisationPageSchema = z.object({ items: z.array(OrganisationViewSchema), cursor: z.string().nullable() });

export const ContactViewSchema = z.object({ ...ContactSchema.shape, email: z.email() });
export type ContactView = z.output<typeof ContactViewSchema>;
export const ContactListSchema = z.object({ items: z.array(ContactViewSchema) });

/** RFC 9457 problem details; `errors` names the fields at fault. */
export const ProblemSchema = z.object({
  type: z.string(), title: z.string(), status: z.number().int(), detail: z.string(),
  errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  requestId: z.string().optional(),
});
