// The desk's server state (issue 10): TanStack Query hooks over the typed client. Every command on
// a ticket carries If-Match with the version the agent read, so a second agent's change is a 412
// the workspace shows, never a silent overwrite.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { call, useApi, type Schemas } from '../../api/client.js';
import type { TicketDetail } from '../../api/tickets.js';
import { matchesFilters, type QueueFilters } from './queue-filters.js';

export type QueuePage = Schemas['QueuePage'];
export type QueueItem = QueuePage['items'][number];
export type PolicyView = Schemas['PolicyView'];
export type CalendarView = Schemas['CalendarView'];

/** Within 30 s of a change (issue 10): the queue reads itself again this often. */
export const QUEUE_REFRESH_MS = 15_000;
export const QUEUE_PAGE = 100;

export function useQueue(filters: QueueFilters, me: string, cursor?: string) {
  const { client } = useApi();
  const query = { ...filters, limit: String(QUEUE_PAGE), ...(cursor ? { cursor } : {}) };
  return useQuery({
    queryKey: ['queue', query],
    queryFn: () => call(client.GET('/queue', { params: { query: query as never } })) as Promise<QueuePage>,
    refetchInterval: QUEUE_REFRESH_MS,
    // A narrower filter shows at once from what is on screen; the API's answer then replaces it.
    placeholderData: (previous) => (previous ? { ...previous, items: previous.items.filter((t) => matchesFilters(t, filters, me)) } : undefined),
  });
}

/** The most of the queue kept in the browser: filters apply to it at once, before the API answers. */
export const WHOLE_QUEUE_CAP = 3000;

/**
 * Every open ticket of the queue, page after page, read in the background once the first page is
 * shown and again within 30 s: what makes a filter show its tickets at once (issue 10: 100 ms).
 */
export function useWholeQueue(enabled: boolean) {
  const { client } = useApi();
  return useQuery({
    queryKey: ['queue-whole'],
    enabled,
    refetchInterval: 2 * QUEUE_REFRESH_MS,
    queryFn: async () => {
      const items: QueueItem[] = [];
      let cursor: string | null = null;
      do {
        const query: Record<string, string> = { limit: String(QUEUE_PAGE), ...(cursor ? { cursor } : {}) };
        const page = (await call(client.GET('/queue', { params: { query: query as never } }))) as QueuePage;
        items.push(...page.items);
        cursor = page.cursor;
      } while (cursor && items.length < WHOLE_QUEUE_CAP);
      return { items, complete: cursor === null };
    },
  });
}

/** The policies a set of tickets runs on (their countdowns count on these calendars). */
export function usePolicies(versions: readonly string[]) {
  const { client } = useApi();
  const list = [...new Set(versions)].sort().join(',');
  return useQuery({
    queryKey: ['policy', list],
    queryFn: () => call(client.GET('/policy', { params: { query: (list ? { versions: list } : {}) as never } })) as Promise<PolicyView>,
    staleTime: 5 * 60_000,
    placeholderData: keepPreviousData,
  });
}

export function useCalendar(from: string, to: string) {
  const { client } = useApi();
  return useQuery({
    queryKey: ['calendar', from, to],
    queryFn: () => call(client.GET('/calendar', { params: { query: { from, to } } })) as Promise<CalendarView>,
    staleTime: 60 * 60_000,
  });
}

export function useWork(ticketId: string) {
  const { client } = useApi();
  return useQuery({
    queryKey: ['work', ticketId],
    queryFn: () => call(client.GET('/tickets/{id}/work', { params: { path: { id: ticketId } } })) as Promise<Schemas['WorkList']>,
  });
}

/** The commands an agent gives on a ticket; each is sent with If-Match: the version read. */
export type DeskCommand =
  | { kind: 'message'; body: Schemas['AddMessageRequest'] }
  | { kind: 'transition'; body: Schemas['TransitionRequest'] }
  | { kind: 'update'; body: Schemas['UpdateTicketRequest'] }
  | { kind: 'escalate'; body: Schemas['EscalationRequest'] }
  | { kind: 'work'; body: Schemas['LogWorkRequest'] };

export function useDeskCommand(ticket: Pick<TicketDetail, 'id' | 'version'>) {
  const { client } = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (command: DeskCommand): Promise<unknown> => {
      const path = { id: ticket.id };
      const header = { 'If-Match': `"${ticket.version}"` };
      const params = { path, header } as never;
      switch (command.kind) {
        case 'message': return call(client.POST('/tickets/{id}/messages', { params, body: command.body }));
        case 'transition': return call(client.POST('/tickets/{id}/transitions', { params, body: command.body }));
        case 'update': return call(client.PATCH('/tickets/{id}', { params, body: command.body }));
        case 'escalate': return call(client.POST('/tickets/{id}/escalations', { params, body: command.body }));
        case 'work': return call(client.POST('/tickets/{id}/work', { params, body: command.body }));
      }
    },
    // Success or a lost race (412): the ticket, its work and the queue are read again.
    onSettled: async () => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: ['ticket'] }),
        queryClient.invalidateQueries({ queryKey: ['work'] }),
        queryClient.invalidateQueries({ queryKey: ['queue'] }),
      ]);
    },
  });
}

// ---- managers -------------------------------------------------------------------------------

export function useCompliance(from: string, to: string) {
  const { client } = useApi();
  return useQuery({
    queryKey: ['compliance', from, to],
    queryFn: () => call(client.GET('/reports/compliance', { params: { query: { from, to } as never } })) as Promise<Schemas['ComplianceReport']>,
  });
}

export function useOrganisations() {
  const { client } = useApi();
  return useQuery({
    queryKey: ['organisations'],
    queryFn: () => call(client.GET('/organisations', { params: { query: { limit: 100 } as never } })) as Promise<Schemas['OrganisationPage']>,
  });
}

export function useContacts(organisationId: string | null) {
  const { client } = useApi();
  return useQuery({
    queryKey: ['contacts', organisationId],
    enabled: organisationId !== null,
    queryFn: () => call(client.GET('/organisations/{id}/contacts', { params: { path: { id: organisationId! } } })) as Promise<Schemas['ContactList']>,
  });
}

export function usePutOrganisation() {
  const { client } = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (org: Schemas['OrganisationView']) => {
      const { version, ...body } = org;
      return call(client.PUT('/organisations/{id}', { params: { path: { id: org.id }, header: { 'If-Match': `"${version}"` } } as never, body: body as never }));
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['organisations'] }),
  });
}

export function useStatement(organisationId: string | null, month: string) {
  const { client } = useApi();
  return useQuery({
    queryKey: ['statement', organisationId, month],
    enabled: organisationId !== null,
    queryFn: () => call(client.GET('/organisations/{id}/statements/{month}', { params: { path: { id: organisationId!, month } } })) as Promise<Schemas['Statement']>,
    retry: false,
  });
}

export function useCloseStatement() {
  const { client } = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ organisationId, month }: { organisationId: string; month: string }) =>
      call(client.POST('/organisations/{id}/statements/{month}/close', { params: { path: { id: organisationId, month } } })),
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['statement'] }),
  });
}
