// The routes table. Each feature adds its own rows in a `routes.ts` beside its pages
// (web/src/pages/<feature>/routes.ts exporting `routes`), gathered here, so the desk and the
// knowledge base add screens without editing this file. Pages are lazy: a first visit loads
// the shell and the one page it opens.
import type { ComponentType, LazyExoticComponent } from 'react';
import type { Role } from '../session/claims.js';
import { matchPath } from './router.js';

export type PageProps = { readonly params: Readonly<Record<string, string>> };

export type PortalRoute = {
  /** `/tickets/:id`; the first matching row wins, so features list specific paths first. */
  readonly path: string;
  readonly page: LazyExoticComponent<ComponentType<PageProps>>;
  /** Open without signing in (the sign-in pages, public articles). @default false */
  readonly public?: boolean;
  /** Who may open it. @default every signed-in person */
  readonly roles?: readonly Role[];
  /** Shown in the navigation, by order, with this catalogue key as its label. */
  readonly nav?: { readonly label: string; readonly order: number };
};

const modules = import.meta.glob<{ routes: readonly PortalRoute[] }>('../pages/**/routes.ts', { eager: true });

export const ROUTES: readonly PortalRoute[] = Object.keys(modules).sort().flatMap((file) => modules[file]!.routes);

export function findRoute(pathname: string): { route: PortalRoute; params: Record<string, string> } | null {
  for (const route of ROUTES) {
    const params = matchPath(route.path, pathname);
    if (params) return { route, params };
  }
  return null;
}
