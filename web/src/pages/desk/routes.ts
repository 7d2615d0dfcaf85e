import { lazy } from 'react';
import type { Role } from '../../session/claims.js';
import type { PortalRoute } from '../../router/routes.js';

// R-PORTAL-2: agents and managers work from the same application. Every desk page is its own lazy
// chunk, so a customer's first visit loads none of it (issue 9: the 150 KB budget).
const CENTER: readonly Role[] = ['agent-tier1', 'agent-tier2', 'agent-tier3', 'support-manager', 'customer-officer', 'admin'];
const MANAGERS: readonly Role[] = ['support-manager', 'customer-officer', 'admin'];
const DIRECTORY: readonly Role[] = ['support-manager', 'admin'];

export const routes: readonly PortalRoute[] = [
  { path: '/desk', page: lazy(() => import('./QueuePage.js')), roles: CENTER, nav: { label: 'nav.queue', order: 5 } },
  { path: '/desk/tickets/:id', page: lazy(() => import('./WorkspacePage.js')), roles: CENTER },
  { path: '/desk/compliance', page: lazy(() => import('./CompliancePage.js')), roles: MANAGERS, nav: { label: 'nav.compliance', order: 40 } },
  { path: '/desk/statements', page: lazy(() => import('./StatementsPage.js')), roles: MANAGERS, nav: { label: 'nav.statements', order: 41 } },
  { path: '/desk/organisations', page: lazy(() => import('./OrganisationsPage.js')), roles: DIRECTORY, nav: { label: 'nav.organisations', order: 42 } },
  { path: '/desk/calendar', page: lazy(() => import('./CalendarPage.js')), roles: CENTER, nav: { label: 'nav.calendar', order: 43 } },
  { path: '/desk/sla-preview', page: lazy(() => import('./SlaPreviewPage.js')), roles: CENTER, nav: { label: 'nav.slaPreview', order: 44 } },
];
