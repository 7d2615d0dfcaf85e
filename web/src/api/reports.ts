// Report emails (R-RPT-1): the report now, and the weekly or monthly subscription.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { call, useApi, type Schemas } from './client.js';

export function useReportSubscriptions(organisationId: string) {
  const { client } = useApi();
  return useQuery({
    queryKey: ['report-subscriptions', organisationId],
    queryFn: () => call(client.GET('/organisations/{id}/report-subscriptions', { params: { path: { id: organisationId } } })),
  });
}

export function useSubscribe(organisationId: string) {
  const { client } = useApi();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ email, frequency }: { email: string; frequency: Schemas['ReportSubscriptionRequest']['frequency'] | null }) =>
      frequency
        ? call(client.PUT('/organisations/{id}/report-subscriptions/{email}', { params: { path: { id: organisationId, email } }, body: { frequency } }))
        : call(client.DELETE('/organisations/{id}/report-subscriptions/{email}', { params: { path: { id: organisationId, email } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['report-subscriptions', organisationId] }),
  });
}

export function useEmailReport(organisationId: string) {
  const { client } = useApi();
  return useMutation({
    mutationFn: (period: { from: string; to: string }) =>
      call(client.POST('/organisations/{id}/report-emails', { params: { path: { id: organisationId } }, body: period })),
  });
}

/** Midnight starting an Israel calendar day (`2030-01-31`) as a UTC instant. */
export function israelMidnight(date: string): string {
  const guess = Date.parse(`${date}T00:00:00Z`);
  const parts = Object.fromEntries(new Intl.DateTimeFormat('en-US', {
    timeZone: 'Asia/Jerusalem', hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit',
  }).formatToParts(new Date(guess)).map((p) => [p.type, p.value]));
  const wall = Date.parse(`${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}:00Z`);
  return new Date(guess - (wall - guess)).toISOString();
}

export const nextDay = (date: string): string => new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
