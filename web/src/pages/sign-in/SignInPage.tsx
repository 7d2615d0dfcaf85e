// Sign in. Locally: the seeded people, one button each (the local stack's own endpoint signs
// the token). In AWS: Cognito managed login, where MFA and forgotten passwords are handled.
import { useEffect, useState } from 'react';
import { useApi } from '../../api/client.js';
import { Loading } from '../../components/Problem.js';
import { useT } from '../../i18n/index.js';
import { navigate } from '../../router/router.js';
import { beginCognitoSignIn, localPeople, localSignIn, takeReturnTo, type LocalPerson } from '../../session/session.js';

export default function SignInPage() {
  const t = useT();
  const { config } = useApi();
  const [people, setPeople] = useState<LocalPerson[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const auth = config.auth;

  useEffect(() => {
    if (auth.kind === 'local') localPeople(auth).then(setPeople, (e: unknown) => setError(String(e)));
  }, [auth]);

  const signInAs = async (email: string) => {
    if (auth.kind !== 'local') return;
    try {
      await localSignIn(auth, email);
      navigate(takeReturnTo(), { replace: true });
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };

  return (
    <>
      <h1>{t('signIn.title')}</h1>
      {error ? <p role="alert">{t('signIn.failed', { reason: error })}</p> : null}
      {auth.kind === 'cognito' ? (
        <>
          <p>{t('signIn.cognitoHint')}</p>
          <button type="button" onClick={() => void beginCognitoSignIn(auth)}>{t('signIn.cognito')}</button>
        </>
      ) : (
        <>
          <p>{t('signIn.local')}</p>
          {people ? (
            <ul className="people">
              {people.map((p) => (
                <li key={p.email}>
                  <button type="button" onClick={() => void signInAs(p.email)}>
                    <bdi>{p.name}</bdi> · <bdi>{p.email}</bdi> · {t(`role.${p.role}`)}{p.organisationId ? <> · <bdi>{p.organisationId}</bdi></> : null}
                  </button>
                </li>
              ))}
            </ul>
          ) : error ? null : <Loading />}
        </>
      )}
    </>
  );
}
