import { lazy } from 'react';
import type { PortalRoute } from '../../router/routes.js';
import { CALLBACK_PATH } from '../../session/session.js';

export const routes: readonly PortalRoute[] = [
  { path: '/sign-in', page: lazy(() => import('./SignInPage.js')), public: true },
  { path: CALLBACK_PATH, page: lazy(() => import('./CallbackPage.js')), public: true },
];
