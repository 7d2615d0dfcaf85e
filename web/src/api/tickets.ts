// The tickets' server state: TanStack Query hooks over the typed client. Pages read and write
// through these; the query cache is the only store of what the API owns.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { call, useApi, type Schemas } from './client.js';
import type { paths } from './schema.js';

export type TicketView = Schemas['TicketView'];
export type TicketDetail = Schemas['TicketDetail'];
export type TicketPage = Schemas['TicketPage'];
export type CreateTicketRequest = Schemas['CreateTicketRequest'];

/** The list's filters as the URL carries them; `status` may name several, comma-separated. */
export type TicketQuery = NonNullable<NonNullable<paths['/tickets']['get']['parameters']>['query']>;

export function useTickets(query: TicketQuery, enabled = true) {
  const { client } = useApi();
  return useQuery({
    enabled,
    queryKey: ['tickets', query],
    queryFn: () => call(client.GET('/tickets', { params: { query } })),
    placeholderData: keepPreviousData,
  });
}

/** A ticket by its id or its number (`T-1042`). */
export function useTicket(idOrNumber: string) {
  const { client } = useApi();
  return useQuery({
    queryKey: ['ticket', idOrNumber],
    queryFn: () => call(client.GET('/tickets/{id}', { params: { path: { id: idOrNumber } } })) as Promise<TicketDetail>,
    retry: false,
  });
}

export function useCreateTicket() {
  const { client } = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ body, idempotencyKey }: { body: CreateTicketRequest; idempotencyKey: string }) =>
      call(client.POST('/tickets', { body, params: { header: { 'Idempotency-Key': idempotencyKey } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['tickets'] }),
  });
}

/** After any command on a ticket: the ticket and the lists are read again. */
function useTicketCommand<V>(ticket: Pick<TicketView, 'id' | 'number'>, run: (v: V) => Promise<unknown>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: run,
    onSuccess: async () => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: ['ticket'] }),
        queryClient.invalidateQueries({ queryKey: ['tickets'] }),
      ]);
    },
  });
}

export function useReply(ticket: Pick<TicketView, 'id' | 'number'>) {
  const { client } = useApi();
  return useTicketCommand(ticket, (v: { body: string; attachments?: string[] }) =>
    call(client.POST('/tickets/{id}/messages', { params: { path: { id: ticket.id } }, body: v })));
}

export function useResolution(ticket: Pick<TicketView, 'id' | 'number'>) {
  const { client } = useApi();
  return useTicketCommand(ticket, (v: Schemas['ResolutionRequest']) =>
    call(client.POST('/tickets/{id}/resolution', { params: { path: { id: ticket.id } }, body: v })));
}

export function useEscalation(ticket: Pick<TicketView, 'id' | 'number'>) {
  const { client } = useApi();
  return useTicketCommand(ticket, (v: Schemas['EscalationRequest']) =>
    call(client.POST('/tickets/{id}/escalations', { params: { path: { id: ticket.id } }, body: v })));
}
