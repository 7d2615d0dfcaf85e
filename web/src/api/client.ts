// The typed API client: openapi-fetch over the generated schema.d.ts, the ID token on every
// request (refreshed first when it is about to expire), a 401 sending the person to sign in
// again (back to the same page, drafts kept), and every failure an ApiProblem: the API's
// problem+json, or one made here for a network failure.
import createClient, { type Client } from 'openapi-fetch';
import { observeServerDate } from './server-clock.js';
import { createContext, useContext } from 'react';
import type { PortalConfig } from '../config.js';
import { freshIdToken, signInAgain } from '../session/session.js';
import type { components, paths } from './schema.js';

export type Schemas = components['schemas'];
export type Problem = Schemas['Problem'];
export type ApiClient = Client<paths>;

export class ApiProblem extends Error {
  override readonly name = 'ApiProblem';
  constructor(readonly problem: Problem) {
    super(problem.detail || problem.title);
  }
  get status(): number { return this.problem.status; }
  /** The message the API gave for a field (`subject`, `attachments[0]`), if it named one. */
  field(path: string): string | null {
    return this.problem.errors?.find((e) => e.path === path)?.message ?? null;
  }
}

const isProblem = (v: unknown): v is Problem =>
  typeof v === 'object' && v !== null && typeof (v as Problem).status === 'number' && typeof (v as Problem).title === 'string';

/** An answer that is not problem+json (a gateway's `{"message": …}`) as a problem of its status. */
export function toProblem(body: unknown, status: number): ApiProblem {
  if (isProblem(body)) return new ApiProblem({ ...body, detail: body.detail ?? '' });
  const message = typeof (body as { message?: unknown } | null)?.message === 'string' ? (body as { message: string }).message : '';
  return new ApiProblem({ type: 'about:blank', title: message || `HTTP ${status}`, status, detail: message });
}

export const networkProblem = (error: unknown): ApiProblem =>
  new ApiProblem({ type: 'about:blank', title: 'network', status: 0, detail: error instanceof Error ? error.message : String(error) });

export function createApiClient(config: PortalConfig, fetchImpl?: typeof fetch): ApiClient {
  const client = createClient<paths>({ baseUrl: config.apiUrl, ...(fetchImpl ? { fetch: fetchImpl } : {}) });
  client.use({
    async onRequest({ request }) {
      const token = await freshIdToken(config);
      if (token) request.headers.set('authorization', `Bearer ${token}`);
      return request;
    },
    async onResponse({ response }) {
      observeServerDate(response.headers.get('date'), Date.now());
      if (response.status === 401) await signInAgain(config, `${location.pathname}${location.search}`);
      return response;
    },
  });
  return client;
}

/** The data of an openapi-fetch answer, or its failure thrown as an ApiProblem. */
export async function call<T>(request: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  let answer: { data?: T; error?: unknown; response: Response };
  try {
    answer = await request;
  } catch (error) {
    throw networkProblem(error);
  }
  if (answer.response.ok) return answer.data as T;
  throw toProblem(answer.error, answer.response.status);
}

export type ApiContextValue = { readonly client: ApiClient; readonly config: PortalConfig };
export const ApiContext = createContext<ApiContextValue | null>(null);

export function useApi(): ApiContextValue {
  const api = useContext(ApiContext);
  if (!api) throw new Error('useApi outside ApiContext');
  return api;
}
