import type { Status } from './types.js';

/** The statuses the agents' queue holds by default: everything the center still has to act on or wait for. */
export const QUEUE_STATUSES = ['new', 'in-progress', 'pending-customer', 'pending-vendor'] as const satisfies readonly Status[];
