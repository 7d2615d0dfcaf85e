import { lazy } from 'react';
import type { PortalRoute } from '../../router/routes.js';

// R-PORTAL-1, R-TKT-6: customers and partners open and follow their tickets on the web.
export const routes: readonly PortalRoute[] = [
  { path: '/tickets', page: lazy(() => import('./TicketsPage.js')), nav: { label: 'nav.tickets', order: 10 } },
  { path: '/tickets/new', page: lazy(() => import('./NewTicketPage.js')), roles: ['customer', 'partner'], nav: { label: 'nav.newTicket', order: 20 } },
  { path: '/tickets/:id', page: lazy(() => import('./TicketPage.js')) },
];
