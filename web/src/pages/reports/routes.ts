import { lazy } from 'react';
import type { PortalRoute } from '../../router/routes.js';

// R-RPT-1: a customer asks for the ticket report by email, now or weekly or monthly.
export const routes: readonly PortalRoute[] = [
  { path: '/reports', page: lazy(() => import('./ReportsPage.js')), roles: ['customer', 'partner'], nav: { label: 'nav.reports', order: 30 } },
];
