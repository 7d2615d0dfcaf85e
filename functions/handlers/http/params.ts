import * as z from '../../domain/zod.js';
import { DomainError, OrganisationSchema } from '../../domain/index.js';
import type { HttpEvent } from './types.js';

// A malformed id in a path is answered 404, like an unknown id or another organisation's
// ticket: no such resource can exist, the answer reveals nothing, and no read is spent on it.

export const TicketIdSchema = /* @__PURE__ */ z.schema(() => z.uuid());
/** A ticket's human number (`T-1042`; the `t-` of a hand-typed URL too), as the NUMBER# pointer keys it. */
export const TicketNumberSchema = /* @__PURE__ */ z.schema(() => z.pipe(z.string().check(z.regex(/^[Tt]-\d{1,12}$/)), z.transform((n: string) => n.toUpperCase())));
/** A ticket in a path: its id, or its number (R-PORTAL-1: a ticket is found by its number). */
export const TicketRefSchema = /* @__PURE__ */ z.schema(() => z.union([TicketIdSchema, TicketNumberSchema]).check(z.describe('the ticket id (UUID) or its number, T-1042')));
export const OrganisationIdSchema = /* @__PURE__ */ z.schema(() => OrganisationSchema.shape.id);
// 254: the longest address SMTP carries (RFC 5321); a longer one overflowed the contact's sort key (a 500).
export const ContactEmailSchema = /* @__PURE__ */ z.schema(() => z.pipe(z.email().check(z.maxLength(254)), z.transform((e: string) => e.toLowerCase())));

function param<S extends z.ZodMiniType>(event: Pick<HttpEvent, 'pathParameters'>, name: string, schema: S, what: string): z.output<S> {
  let raw = event.pathParameters?.[name] ?? '';
  // A local server may pass a path segment still percent-encoded (an email's `+`, say).
  if (raw.includes('%')) {
    try { raw = decodeURIComponent(raw); } catch { /* left as is: the schema refuses it */ }
  }
  const parsed = schema.safeParse(raw);
  if (!parsed.success) throw new DomainError('not-found', `${what} not found`);
  return parsed.data;
}

/** The ticket in the path: a UUID, or a number (`T-1042`) that command.ts's loadTicketFor resolves. */
export const ticketIdOf = (event: Pick<HttpEvent, 'pathParameters'>): string => param(event, 'id', TicketRefSchema, 'ticket');
export const isTicketNumber = (ref: string): boolean => TicketNumberSchema.safeParse(ref).success;
export const organisationIdOf = (event: Pick<HttpEvent, 'pathParameters'>): string => param(event, 'id', OrganisationIdSchema, 'organisation');
export const contactEmailOf = (event: Pick<HttpEvent, 'pathParameters'>): string => param(event, 'email', ContactEmailSchema, 'contact');
