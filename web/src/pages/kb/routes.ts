import { lazy } from 'react';
import type { PortalRoute } from '../../router/routes.js';

// R-KB-1: the information center, open to anyone; the desk writes and publishes articles.
const WRITERS = ['agent-tier1', 'agent-tier2', 'agent-tier3', 'support-manager'] as const;
export const routes: readonly PortalRoute[] = [
  { path: '/kb/desk', page: lazy(() => import('./ArticleDeskPage.js')), roles: [...WRITERS, 'customer-officer', 'admin'], nav: { label: 'nav.kbDesk', order: 60 } },
  { path: '/kb/desk/new', page: lazy(() => import('./ArticleEditorPage.js')), roles: WRITERS },
  { path: '/kb/desk/:id', page: lazy(() => import('./ArticleEditorPage.js')), roles: WRITERS },
  { path: '/kb', page: lazy(() => import('./InfoCenterPage.js')), public: true, nav: { label: 'nav.kb', order: 30 } },
  { path: '/kb/:id', page: lazy(() => import('./ArticlePage.js')), public: true },
];
