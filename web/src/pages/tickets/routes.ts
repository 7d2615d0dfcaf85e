import { lazy } from 'react';
import type { PortalRoute } from '../../router/routes.js';

// R-PORTAL-1, R-TKT-6: customers and partners follow their tickets on the web.
export const routes: readonly PortalRoute[] = [
  { path: '/tickets', page: lazy(() => import('./TicketsPage.js')), nav: { label: 'nav.tickets', order: 10 } },
];
