// The portal's entry: read /config.json, sign in with `?as=<email>` on the local stack, render.
import { QueryClient } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createApiClient } from './api/client.js';
import { App } from './app/App.js';
import { ErrorPage } from './components/ErrorBoundary.js';
import { loadConfig } from './config.js';
import { storedLanguage } from './i18n/index.js';
import { localSignIn } from './session/session.js';
import './styles.css';

const root = createRoot(document.getElementById('root')!);

async function boot(): Promise<void> {
  const config = await loadConfig();
  const url = new URL(location.href);
  const as = url.searchParams.get('as');
  if (as && config.auth.kind === 'local') {
    // Local stack only: `<portal>/?as=dana@acme.example` signs in as that seeded person.
    await localSignIn(config.auth, as);
    url.searchParams.delete('as');
    history.replaceState(null, '', `${url.pathname}${url.search}${url.hash}`);
  }
  const queryClient = new QueryClient({
    defaultOptions: { queries: { staleTime: 15_000, retry: (count, error) => count < 2 && (error as { status?: number }).status === 0 } },
  });
  root.render(
    <StrictMode>
      <App api={{ client: createApiClient(config), config }} queryClient={queryClient} />
    </StrictMode>,
  );
}

boot().catch((error: unknown) => {
  root.render(<ErrorPage error={error instanceof Error ? error : new Error(String(error))} language={storedLanguage() ?? 'he'} />);
});
