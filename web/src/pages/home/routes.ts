import { lazy } from 'react';
import type { PortalRoute } from '../../router/routes.js';

// `/` opens the person's first navigation entry (customers: their tickets; the desk adds its own).
export const routes: readonly PortalRoute[] = [{ path: '/', page: lazy(() => import('./HomePage.js')) }];
