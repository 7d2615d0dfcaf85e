import { describe, expect, it } from 'vitest';
import {
  CreateTicketRequestSchema, IdempotencyKeySchema, ListTicketsQuerySchema, PutContactRequestSchema, ResolutionRequestSchema,
  TransitionRequestSchema, UpdateTicketRequestSchema,
} from '../../../functions/handlers/http/schemas.js';

const paths = (r: { success: boolean; error?: { issues: { path: PropertyKey[] }[] } }) => r.error?.issues.map((i) => i.path.join('.')) ?? [];

describe('request schemas', () => {
  it('R-TKT-2, R-TKT-5: a ticket is an incident or a service request with a proposed severity', () => {
    const ok = CreateTicketRequestSchema.parse({ type: 'service-request', severity: 'normal', subject: 'Upgrade', description: 'to May 2026' });
    expect(ok).toMatchObject({ outage: false, remoteAccess: false });
    expect(paths(CreateTicketRequestSchema.safeParse({ type: 'question', severity: 'normal', subject: 'x', description: 'y' }))).toEqual(['type']);
    expect(paths(CreateTicketRequestSchema.safeParse({ type: 'incident', severity: 'normal', subject: 'x', description: 'y', organisationId: 'Not An Id' }))).toEqual(['organisationId']);
  });
  it('R-TKT-5: PATCH severity comes with severityReason; an empty PATCH is refused', () => {
    expect(paths(UpdateTicketRequestSchema.safeParse({ severity: 'urgent' }))).toEqual(['severityReason']);
    expect(paths(UpdateTicketRequestSchema.safeParse({ severityReason: 'why' }))).toEqual(['severityReason']);
    expect(UpdateTicketRequestSchema.safeParse({}).success).toBe(false);
    expect(UpdateTicketRequestSchema.parse({ assignee: null })).toEqual({ assignee: null });
    expect(UpdateTicketRequestSchema.safeParse({ tier: 3 }).success).toBe(false); // escalations move tiers
  });
  it('R-CLOSE-2: a rejection needs a reason; a confirmation takes nothing else', () => {
    expect(ResolutionRequestSchema.parse({ decision: 'confirm' })).toEqual({ decision: 'confirm' });
    expect(paths(ResolutionRequestSchema.safeParse({ decision: 'reject' }))).toEqual(['reason']);
    expect(ResolutionRequestSchema.safeParse({ decision: 'confirm', reason: 'x' }).success).toBe(false);
  });
  it('transitions never go back to new', () => {
    expect(paths(TransitionRequestSchema.safeParse({ to: 'new' }))).toEqual(['to']);
  });
  it('list: limit 1-100 (default 25) from the query string; unknown parameters refused', () => {
    expect(ListTicketsQuerySchema.parse({}).limit).toBe(25);
    expect(ListTicketsQuerySchema.parse({ limit: '100' }).limit).toBe(100);
    for (const limit of ['0', '101', 'ten', '2.5', '']) expect(paths(ListTicketsQuerySchema.safeParse({ limit }))).toEqual(['limit']);
    expect(ListTicketsQuerySchema.safeParse({ page: '2' }).success).toBe(false);
  });
  it('a contact body is strict: its email and organisation come from the path', () => {
    expect(PutContactRequestSchema.safeParse({ name: 'Dana', email: 'd@acme.example' }).success).toBe(false);
    expect(PutContactRequestSchema.parse({ name: 'Dana' })).toEqual({ name: 'Dana', language: 'he', unreachable: false });
  });
  it('an Idempotency-Key is 1-255 visible ASCII characters', () => {
    expect(IdempotencyKeySchema.safeParse('a1b2-c3d4').success).toBe(true);
    for (const bad of ['', 'with space', 'x'.repeat(256), 'מפתח']) expect(IdempotencyKeySchema.safeParse(bad).success).toBe(false);
  });
});
