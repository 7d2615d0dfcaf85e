// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { json, renderPage, signInAs, type Handler } from '../../testing/render.js';
import TicketPage from './TicketPage.js';

const AT = '2030-01-06T08:00:00.000Z';
const ticket = (over: Record<string, unknown> = {}) => ({
  id: '4f7c1a9e-0000-4000-8000-000000000001', number: 'T-1001', type: 'incident', severity: 'high', status: 'resolved', organisationId: 'acme',
  subject: 'Night reload fails', createdAt: AT, version: 4, statusSince: AT, channel: 'api', openedBy: 'dana@acme.example',
  sla: {}, slaHistory: [], entitlement: { subscription: 'active', calendar: 'basic', css: false }, packages: [], csm: null, cse: null,
  outage: false, remoteAccess: true, fault: null, assignee: null, externalEscalation: 'none', vendorCaseNumber: null,
  linkedTicketId: null, partnerId: null, workStartedAt: null,
  messages: [
    { id: 'm1', at: AT, author: { party: 'customer', id: 'dana@acme.example' }, visibility: 'public', body: 'It stops at 40%.', attachments: [], channel: 'api' },
    { id: 'm2', at: AT, author: { party: 'agent', id: 'tier1@center.example' }, visibility: 'internal', body: 'internal: check the cluster', attachments: [], channel: 'api' },
  ],
  history: [
    { id: 'h1', type: 'ticket-opened', at: AT, actor: { party: 'customer', id: 'dana@acme.example' }, data: {} },
    { id: 'h2', type: 'status-changed', at: AT, actor: { party: 'agent', id: 'tier1@center.example' }, data: { from: 'in-progress', to: 'resolved', solution: 'Raised the reload timeout.' } },
  ],
  ...over,
});

const LIMITS = { maxBytes: 10 * 1024 * 1024, maxFiles: 5, types: ['text/plain'] };
/** GET /uploads/limits, and every other request to `ticketApi`. */
const withLimits = (ticketApi: Handler): Handler => (request) =>
  new URL(request.url).pathname === '/uploads/limits' ? json(200, LIMITS) : ticketApi(request);

beforeEach(() => signInAs({ email: 'dana@acme.example', role: 'customer', organisationId: 'acme', locale: 'en' }));
afterEach(() => { cleanup(); sessionStorage.clear(); });

describe('the ticket page', () => {
  it('shows the public conversation only, the solution and the status history', async () => {
    renderPage(<TicketPage params={{ id: 'T-1001' }} />, { language: 'en', api: withLimits(() => json(200, ticket())) });
    await screen.findByText('It stops at 40%.');
    expect(screen.queryByText('internal: check the cluster')).toBeNull();
    expect(screen.getByText('Raised the reload timeout.')).toBeTruthy();
    expect(screen.getByText('In progress → Resolved')).toBeTruthy();
  });

  it('R-CLOSE-2: a rejection needs its reason, and sends it', async () => {
    const sent: unknown[] = [];
    renderPage(<TicketPage params={{ id: 'T-1001' }} />, {
      language: 'en',
      api: withLimits(async (request) => {
        if (request.method === 'POST') { sent.push(await request.json()); return json(200, ticket({ status: 'in-progress' })); }
        return json(200, ticket());
      }),
    });
    fireEvent.click(await screen.findByRole('button', { name: 'No, it is not solved' }));
    await waitFor(() => expect(document.getElementById('reject-reason-error')?.textContent).toBe('Required.'));
    expect(sent).toEqual([]);
    fireEvent.change(screen.getByLabelText('If not, what is still wrong?'), { target: { value: 'It still stops at 40%.' } });
    fireEvent.click(screen.getByRole('button', { name: 'No, it is not solved' }));
    await waitFor(() => expect(sent).toEqual([{ decision: 'reject', reason: 'It still stops at 40%.' }]));
  });

  it('R-ESC-2: escalates to the Head of Support first, then the Chief Customer Officer', async () => {
    const { unmount } = renderPage(<TicketPage params={{ id: 'T-1001' }} />, { language: 'en', api: withLimits(() => json(200, ticket({ status: 'in-progress' }))) });
    expect(await screen.findByRole('button', { name: 'Escalate to the Head of Support' })).toBeTruthy();
    unmount();
    renderPage(<TicketPage params={{ id: 'T-1001' }} />, { language: 'en', api: withLimits(() => json(200, ticket({ status: 'in-progress', externalEscalation: 'hos' }))) });
    expect(await screen.findByRole('button', { name: 'Escalate to the Chief Customer Officer' })).toBeTruthy();
  });

  it('R-VEND-1: shows the vendor case number while Pending Vendor', async () => {
    renderPage(<TicketPage params={{ id: 'T-1001' }} />, { language: 'en', api: withLimits(() => json(200, ticket({ status: 'pending-vendor', vendorCaseNumber: 'QLK-88231' }))) });
    expect(await screen.findByText('QLK-88231')).toBeTruthy();
  });

  it('says "not found", not an error, for a ticket the person may not see', async () => {
    renderPage(<TicketPage params={{ id: 'T-1042' }} />, {
      language: 'en', api: () => json(404, { type: 'about:blank', title: 'Not found', status: 404, detail: 'ticket not found' }, 'application/problem+json'),
    });
    expect((await screen.findByText('No ticket T-1042 is visible to you.')).getAttribute('role')).toBe('status');
    expect(screen.queryByRole('alert')).toBeNull();
  });
});
