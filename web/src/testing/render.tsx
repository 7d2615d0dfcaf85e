// Component tests: a page rendered with the app's providers, a signed-in person, and the API
// answered by a function of the request (the component under test talks HTTP as it would).
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import type { ReactNode } from 'react';
import { ApiContext, createApiClient } from '../api/client.js';
import type { PortalConfig } from '../config.js';
import { I18nProvider } from '../i18n/index.js';
import type { Language } from '../session/claims.js';

export const CONFIG: PortalConfig = { apiUrl: 'http://api.test', auth: { kind: 'local', peopleUrl: '/_local/people', signInUrl: '/_local/sign-in' } };

const b64 = (v: unknown) => btoa(String.fromCharCode(...new TextEncoder().encode(JSON.stringify(v)))).replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');

/** Signs "in" by storing an (unsigned) ID token with these claims: the portal only reads them. */
export function signInAs(claims: { email: string; role: string; organisationId?: string; locale?: Language }): void {
  const token = [b64({ alg: 'none' }), b64({
    email: claims.email, 'cognito:groups': [claims.role], exp: Math.floor(Date.now() / 1000) + 3600,
    ...(claims.organisationId ? { 'custom:organisation': claims.organisationId } : {}), ...(claims.locale ? { locale: claims.locale } : {}),
  }), 'sig'].join('.');
  sessionStorage.setItem('portal.session', JSON.stringify({ idToken: token, refreshToken: null }));
}

export type Handler = (request: Request) => Response | Promise<Response>;
export const json = (status: number, body: unknown, type = 'application/json') => new Response(JSON.stringify(body), { status, headers: { 'content-type': type } });

export function renderPage(ui: ReactNode, { language = 'he', api }: { language?: Language; api: Handler }) {
  const requests: Request[] = [];
  const fetchImpl = (async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = input instanceof Request ? input : new Request(input, init);
    requests.push(request.clone());
    return api(request);
  }) as typeof fetch;
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const view = render(
    <ApiContext.Provider value={{ client: createApiClient(CONFIG, fetchImpl), config: CONFIG }}>
      <QueryClientProvider client={queryClient}>
        <I18nProvider personLanguage={language}>{ui}</I18nProvider>
      </QueryClientProvider>
    </ApiContext.Provider>,
  );
  return { ...view, requests };
}
