// @vitest-environment jsdom
import { cleanup, fireEvent, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { json, renderPage, signInAs, type Handler } from '../../testing/render.js';
import NewTicketPage from './NewTicketPage.js';

const LIMITS = { maxBytes: 10 * 1024 * 1024, maxFiles: 5, types: ['text/plain', 'image/png'] };
const CREATED = {
  id: '4f7c1a9e-0000-4000-8000-000000000001', number: 'T-1001', type: 'incident', severity: 'high', status: 'new', organisationId: 'acme',
  subject: 'Night reload fails', createdAt: '2030-01-06T08:00:00.000Z',
  sla: { firstResponse: { startAt: '2030-01-06T08:00:00.000Z', dueAt: '2030-01-06T10:00:00.000Z', warnAt: '2030-01-06T09:30:00.000Z', metAt: null, breachedAt: null, pausedAt: null, stoppedAt: null } },
};

const CUSTOMER = (id: string, name: string) => ({
  id, name, kind: 'partner-customer', partnerId: 'partner-one', subscription: { validFrom: '2030-01-01', validTo: '2030-12-31' }, packages: [], csm: null, cse: null,
});

/** The API as these tests need it: the limits, an empty list, and POST /tickets answered by `create`. */
const api = (create: Handler): Handler => async (request) => {
  const url = new URL(request.url);
  if (url.pathname === '/uploads/limits') return json(200, LIMITS);
  if (url.pathname === '/tickets' && request.method === 'GET') return json(200, { items: [], cursor: null });
  if (url.pathname === '/tickets' && request.method === 'POST') return create(request);
  if (url.pathname === '/organisations' && url.searchParams.get('partnerId') === 'partner-one') {
    return json(200, { items: [CUSTOMER('initech', 'Initech'), CUSTOMER('globex', 'Globex Corporation')], cursor: null });
  }
  return json(404, { type: 'about:blank', title: 'Not found', status: 404, detail: 'no route' }, 'application/problem+json');
};

beforeEach(() => signInAs({ email: 'dana@acme.example', role: 'customer', organisationId: 'acme', locale: 'he' }));
afterEach(() => { cleanup(); sessionStorage.clear(); localStorage.clear(); });

describe('the new-ticket form', () => {
  it('R-TKT-5: shows each severity with the charter\'s definition beside it', () => {
    renderPage(<NewTicketPage />, { language: 'en', api: api(() => json(500, {})) });
    const high = screen.getByRole('radio', { name: 'High' });
    expect(high.getAttribute('aria-describedby')).toBeTruthy();
    expect(document.getElementById(high.getAttribute('aria-describedby')!)!.textContent).toMatch(/Core functionality is materially affected/);
    expect(screen.getByRole('radio', { name: 'Incident' })).toBeTruthy();
    expect(screen.getByRole('radio', { name: 'Service request' })).toBeTruthy();
  });

  it('shows an empty subject beside the field, in Hebrew, keeping what was typed, and sends nothing', async () => {
    const { requests } = renderPage(<NewTicketPage />, { language: 'he', api: api(() => json(500, {})) });
    fireEvent.change(screen.getByLabelText('תיאור'), { target: { value: 'הטעינה נעצרת ב-40%' } });
    fireEvent.click(screen.getByRole('button', { name: 'פתיחת הקריאה' }));
    const subject = screen.getByLabelText('נושא');
    await waitFor(() => expect(subject.getAttribute('aria-invalid')).toBe('true'));
    expect(document.getElementById(`${subject.id}-error`)!.textContent).toBe('שדה חובה.');
    expect((screen.getByLabelText('תיאור') as HTMLTextAreaElement).value).toBe('הטעינה נעצרת ב-40%');
    expect(requests.filter((r) => r.method === 'POST')).toEqual([]);
  });

  it('shows the API\'s problem+json beside the field it names, keeping the draft', async () => {
    renderPage(<NewTicketPage />, {
      language: 'en',
      api: api(() => json(400, { type: 'about:blank', title: 'Bad request', status: 400, detail: 'subject: too long', errors: [{ path: 'subject', message: 'Too big: expected string to have <=200 characters' }] }, 'application/problem+json')),
    });
    fireEvent.change(screen.getByLabelText('Subject'), { target: { value: 'Night reload fails' } });
    fireEvent.change(screen.getByLabelText('Description'), { target: { value: 'It stops at 40%.' } });
    fireEvent.click(screen.getByRole('button', { name: 'Open the ticket' }));
    await waitFor(() => expect(document.getElementById('subject-error')?.textContent).toBe('At most 200 characters.'));
    expect((screen.getByLabelText('Subject') as HTMLInputElement).value).toBe('Night reload fails');
  });

  it('R-TKT-2, R-TKT-4, R-ACC-1: sends the choices and shows the new number and first-response deadline at once', async () => {
    let sent: Record<string, unknown> = {};
    renderPage(<NewTicketPage />, { language: 'en', api: api(async (request) => { sent = await request.json(); return json(201, CREATED); }) });
    fireEvent.click(screen.getByRole('radio', { name: 'High' }));
    fireEvent.click(screen.getByRole('checkbox', { name: /Outage/ }));
    fireEvent.click(screen.getByRole('checkbox', { name: /Remote access/ }));
    fireEvent.change(screen.getByLabelText('Subject'), { target: { value: 'Night reload fails' } });
    fireEvent.change(screen.getByLabelText('Description'), { target: { value: 'It stops at 40%.' } });
    fireEvent.click(screen.getByRole('button', { name: 'Open the ticket' }));
    const notice = await screen.findByRole('status');
    expect(notice.textContent).toContain('T-1001');
    expect(notice.textContent).toContain('12:00'); // 10:00Z in Jerusalem
    expect(sent).toEqual({ type: 'incident', severity: 'high', subject: 'Night reload fails', description: 'It stops at 40%.', outage: true, remoteAccess: true });
    expect((screen.getByLabelText('Subject') as HTMLInputElement).value).toBe(''); // the draft is cleared once sent
  });

  it('states the attachment limits the API gives', async () => {
    renderPage(<NewTicketPage />, { language: 'en', api: api(() => json(500, {})) });
    expect((await screen.findByText(/^Up to 5 files/)).textContent!.replace(/[\u2068\u2069]/g, '')).toBe('Up to 5 files of at most 10 MB each; types: plain, png.');
  });

  it('R-PARTY-2: asks a partner which customer the ticket is for', async () => {
    signInAs({ email: 'ops@partner-one.example', role: 'partner', organisationId: 'partner-one', locale: 'en' });
    let sent: Record<string, unknown> = {};
    renderPage(<NewTicketPage />, { language: 'en', api: api(async (request) => { sent = await request.json(); return json(201, { ...CREATED, organisationId: 'globex' }); }) });
    // Its customers from the directory, by name, to choose from
    await waitFor(() => expect([...document.querySelectorAll('#customers option')].map((o) => [o.getAttribute('value'), o.textContent])).toEqual([
      ['globex', 'Globex Corporation'], ['initech', 'Initech'],
    ]));
    fireEvent.change(screen.getByLabelText('Customer organisation'), { target: { value: 'globex' } });
    fireEvent.change(screen.getByLabelText('Subject'), { target: { value: 'Report fails' } });
    fireEvent.change(screen.getByLabelText('Description'), { target: { value: 'Since Monday.' } });
    fireEvent.click(screen.getByRole('button', { name: 'Open the ticket' }));
    await screen.findByRole('status');
    expect(sent.organisationId).toBe('globex');
  });
});
