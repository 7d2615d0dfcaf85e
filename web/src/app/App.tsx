// The shell: the signed-in person, the language, the header with the navigation, and the page
// the routes table names for the address, lazy-loaded, inside an error boundary.
import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import { Suspense, useEffect, useSyncExternalStore } from 'react';
import { ApiContext, useApi, type ApiContextValue } from '../api/client.js';
import { ErrorBoundary } from '../components/ErrorBoundary.js';
import { Loading } from '../components/Problem.js';
import { I18nProvider, useI18n } from '../i18n/index.js';
import { Link, navigate, useLocation } from '../router/router.js';
import { findRoute, ROUTES } from '../router/routes.js';
import type { Language, Person } from '../session/claims.js';
import { currentPerson, rememberReturnTo, signOut, subscribe } from '../session/session.js';

export function App({ api, queryClient }: { api: ApiContextValue; queryClient: QueryClient }) {
  const person = useSyncExternalStore(subscribe, currentPerson);
  return (
    <ApiContext.Provider value={api}>
      <QueryClientProvider client={queryClient}>
        <I18nProvider personLanguage={person?.language ?? null}>
          <Shell person={person} />
        </I18nProvider>
      </QueryClientProvider>
    </ApiContext.Provider>
  );
}

function Shell({ person }: { person: Person | null }) {
  const { language, t } = useI18n();
  const { pathname, href } = useLocation();
  const found = findRoute(pathname);
  const mustSignIn = !!found && !found.route.public && !person;
  useEffect(() => {
    if (mustSignIn) {
      rememberReturnTo(href);
      navigate('/sign-in', { replace: true });
    }
  }, [mustSignIn, href]);

  let page;
  if (!found) page = <Message title={t('notFound.title')} body={t('notFound.body')} />;
  else if (mustSignIn) page = <Loading />;
  else if (found.route.roles && !(person && found.route.roles.includes(person.role))) page = <Message title={t('forbidden.title')} body={t('forbidden.body')} />;
  else {
    const Page = found.route.page;
    page = <Page params={found.params} />;
  }
  return (
    <div className="app" lang={language} dir={language === 'he' ? 'rtl' : 'ltr'}>
      <a className="skip" href="#main">{t('app.skip')}</a>
      <Header person={person} />
      <ErrorBoundary language={() => language} resetKey={pathname}>
        <main id="main" className="page" tabIndex={-1}>
          <Suspense fallback={<Loading />}>{page}</Suspense>
        </main>
      </ErrorBoundary>
    </div>
  );
}

function Message({ title, body }: { title: string; body: string }) {
  const { t } = useI18n();
  return (
    <>
      <h1>{title}</h1>
      <p>{body}</p>
      <p><Link to="/">{t('error.home')}</Link></p>
    </>
  );
}

function Header({ person }: { person: Person | null }) {
  const { t, language, setLanguage } = useI18n();
  const { pathname } = useLocation();
  const { config } = useApi();
  const nav = person
    ? ROUTES.filter((r) => r.nav && (!r.roles || r.roles.includes(person.role))).sort((a, b) => a.nav!.order - b.nav!.order)
    : [];
  return (
    <header className="top">
      <Link to="/" className="brand">{t('app.name')}</Link>
      {nav.length > 0 ? (
        <nav aria-label={t('nav.label')}>
          <ul>
            {nav.map((r) => (
              <li key={r.path}><Link to={r.path} aria-current={pathname === r.path ? 'page' : undefined}>{t(r.nav!.label)}</Link></li>
            ))}
          </ul>
        </nav>
      ) : null}
      <div className="who">
        <select aria-label={t('lang.label')} value={language} onChange={(e) => setLanguage(e.target.value as Language)}>
          <option value="he" lang="he">{t('lang.he')}</option>
          <option value="en" lang="en">{t('lang.en')}</option>
        </select>
        {person ? (
          <>
            <span className="email"><bdi>{person.email}</bdi></span>
            <button type="button" onClick={() => signOut(config)}>{t('session.signOut')}</button>
          </>
        ) : null}
      </div>
    </header>
  );
}
