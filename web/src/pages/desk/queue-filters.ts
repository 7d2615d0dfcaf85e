// The queue's filters live in the URL (issue 10): shareable, kept on reload and Back.
import type { Schemas } from '../../api/client.js';

export const FILTER_NAMES = ['mine', 'unassigned', 'tier', 'organisationId', 'status', 'severity', 'sla', 'type'] as const;
export type FilterName = (typeof FILTER_NAMES)[number];
export type QueueFilters = Partial<Record<FilterName, string>>;

export function filtersFromSearch(search: URLSearchParams): QueueFilters {
  const filters: QueueFilters = {};
  for (const name of FILTER_NAMES) {
    const value = search.get(name);
    if (value) filters[name] = value;
  }
  return filters;
}

/** Whether a queued ticket passes the filters as the API applies them (to narrow what is on screen at once). */
export function matchesFilters(t: Schemas['QueuePage']['items'][number], f: QueueFilters, me: string): boolean {
  if (f.mine === 'true' && t.assignee !== me) return false;
  if (f.unassigned === 'true' && t.assignee !== null) return false;
  if (f.tier && String(t.tier) !== f.tier) return false;
  if (f.organisationId && t.organisationId !== f.organisationId) return false;
  if (f.status && !f.status.split(',').includes(t.status)) return false;
  if (f.severity && t.severity !== f.severity) return false;
  if (f.sla && t.slaState !== f.sla) return false;
  if (f.type && t.type !== f.type) return false;
  return true;
}
