// Managed login comes back here with a code; it is traded for tokens and the person returns
// to the page they were on.
import { useEffect, useRef, useState } from 'react';
import { useApi } from '../../api/client.js';
import { useT } from '../../i18n/index.js';
import { Link, navigate } from '../../router/router.js';
import { completeCognitoSignIn, takeReturnTo } from '../../session/session.js';

export default function CallbackPage() {
  const t = useT();
  const { config } = useApi();
  const [error, setError] = useState<string | null>(null);
  const started = useRef(false);
  useEffect(() => {
    if (started.current || config.auth.kind !== 'cognito') return;
    started.current = true; // the code is single-use: StrictMode's second effect must not spend it again
    completeCognitoSignIn(config.auth, location.search).then(
      () => navigate(takeReturnTo(), { replace: true }),
      (e: unknown) => setError(e instanceof Error ? e.message : String(e)),
    );
  }, [config]);
  return (
    <>
      <h1>{t('signIn.title')}</h1>
      {error ? (
        <>
          <p role="alert">{t('signIn.failed', { reason: error })}</p>
          <Link to="/sign-in">{t('signIn.cognito')}</Link>
        </>
      ) : <p role="status">{t('signIn.completing')}</p>}
    </>
  );
}
