import { useQuery } from '@tanstack/react-query';
import { call, useApi } from './client.js';

/** A partner's customers (R-PARTY-2): the organisations it opens and follows tickets for. */
export function usePartnerCustomers(partnerId: string | null | undefined) {
  const { client } = useApi();
  return useQuery({
    enabled: !!partnerId,
    queryKey: ['partner-customers', partnerId],
    queryFn: () => call(client.GET('/organisations', { params: { query: { partnerId: partnerId!, limit: 100 } } })),
    staleTime: 5 * 60_000, // the directory changes seldom
  });
}
