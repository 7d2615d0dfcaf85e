import { useEffect, useSyncExternalStore } from 'react';
import { Loading } from '../../components/Problem.js';
import { navigate } from '../../router/router.js';
import { ROUTES } from '../../router/routes.js';
import { currentPerson, subscribe } from '../../session/session.js';

export default function HomePage() {
  const person = useSyncExternalStore(subscribe, currentPerson);
  useEffect(() => {
    const first = ROUTES.filter((r) => r.nav && (!r.roles || (person && r.roles.includes(person.role))))
      .sort((a, b) => a.nav!.order - b.nav!.order)[0];
    navigate(first?.path ?? '/tickets', { replace: true });
  }, [person]);
  return <Loading />;
}
