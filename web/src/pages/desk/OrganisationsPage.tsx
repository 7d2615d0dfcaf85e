// Organisations with their contacts, packages and validity (issue 10 item 3, R-ENT-1..3). Support
// managers read; the administrator also changes packages and their validity (PUT with If-Match).
import { useEffect, useState } from 'react';
import type { ApiProblem, Schemas } from '../../api/client.js';
import { Loading, ProblemMessage } from '../../components/Problem.js';
import { useI18n } from '../../i18n/index.js';
import { navigate, useLocation, withQuery } from '../../router/router.js';
import { currentPerson } from '../../session/session.js';
import { useContacts, useOrganisations, usePutOrganisation } from './desk-api.js';
import './desk.css';

type Organisation = Schemas['OrganisationView'];
type Package = Organisation['packages'][number];
const KINDS = ['extended-hours', 'installs-upgrades', 'extended-support', 'css'] as const;

export default function OrganisationsPage() {
  const { t } = useI18n();
  const { pathname, search } = useLocation();
  const orgs = useOrganisations();
  const id = search.get('id') ?? orgs.data?.items[0]?.id ?? null;
  const org = orgs.data?.items.find((o) => o.id === id) ?? null;
  return (
    <>
      <h1>{t('orgs.title')}</h1>
      {orgs.error ? <ProblemMessage problem={orgs.error as ApiProblem} /> : null}
      {!orgs.data && !orgs.error ? <Loading /> : null}
      {orgs.data ? (
        <form className="desk-filters" onSubmit={(e) => e.preventDefault()}>
          <label>{t('orgs.choose')}
            <select value={id ?? ''} onChange={(e) => navigate(withQuery(pathname, search, { id: e.target.value }), { replace: true })}>
              {orgs.data.items.map((o) => <option key={o.id} value={o.id}>{o.name}</option>)}
            </select>
          </label>
        </form>
      ) : null}
      {org ? <OrganisationView org={org} /> : null}
    </>
  );
}

function OrganisationView({ org }: { org: Organisation }) {
  const { t } = useI18n();
  const contacts = useContacts(org.id);
  return (
    <>
      <h2><bdi>{org.name}</bdi></h2>
      <dl className="facts">
        <dt>{t('orgs.kind')}</dt><dd>{t(`orgs.kind.${org.kind}`)}</dd>
        {org.partnerId ? <><dt>{t('orgs.partner')}</dt><dd><bdi>{org.partnerId}</bdi></dd></> : null}
        <dt>{t('orgs.subscription')}</dt><dd>{org.subscription ? <bdi>{org.subscription.validFrom} – {org.subscription.validTo}</bdi> : t('orgs.none')}</dd>
        {org.csm ? <><dt>{t('orgs.csm')}</dt><dd><bdi>{org.csm.name} &lt;{org.csm.email}&gt;</bdi></dd></> : null}
      </dl>
      <Packages key={`${org.id}-${org.version}`} org={org} />
      <h3>{t('orgs.contacts')}</h3>
      {contacts.error ? <ProblemMessage problem={contacts.error as ApiProblem} /> : null}
      <table className="queue">
        <caption>{t('orgs.contacts')}</caption>
        <thead><tr><th scope="col">{t('orgs.name')}</th><th scope="col">{t('orgs.email')}</th><th scope="col">{t('orgs.language')}</th><th scope="col">{t('orgs.unreachable')}</th></tr></thead>
        <tbody>
          {(contacts.data?.items ?? []).map((c) => (
            <tr key={c.email}><td><bdi>{c.name}</bdi></td><td><bdi>{c.email}</bdi></td><td>{c.language}</td><td>{c.unreachable ? t('yes') : t('no')}</td></tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

/** R-ENT-2: packages with their validity; editable by the administrator, kept as typed when the API refuses. */
function Packages({ org }: { org: Organisation }) {
  const { t } = useI18n();
  const admin = currentPerson()?.role === 'admin';
  const put = usePutOrganisation();
  const [packages, setPackages] = useState<Package[]>(org.packages);
  const [saved, setSaved] = useState(false);
  useEffect(() => setSaved(false), [packages]);
  const change = (i: number, p: Partial<Package>) => setPackages(packages.map((x, n) => (n === i ? { ...x, ...p } : x)));
  const problem = put.error as ApiProblem | null;
  return (
    <form onSubmit={(e) => { e.preventDefault(); put.mutate({ ...org, packages }, { onSuccess: () => setSaved(true) }); }}>
      <h3>{t('orgs.packages')}</h3>
      {problem ? <ProblemMessage problem={problem} /> : null}
      {saved ? <p role="status" className="notice">{t('orgs.saved')}</p> : null}
      <table className="queue">
        <caption>{t('orgs.packages')}</caption>
        <thead><tr><th scope="col">{t('orgs.package')}</th><th scope="col">{t('orgs.validFrom')}</th><th scope="col">{t('orgs.validTo')}</th>{admin ? <th scope="col"><span className="visually-hidden">{t('orgs.remove')}</span></th> : null}</tr></thead>
        <tbody>
          {packages.length === 0 ? <tr><td colSpan={admin ? 4 : 3}>{t('orgs.none')}</td></tr> : packages.map((p, i) => (
            <tr key={i}>
              {admin ? (
                <>
                  <td><select aria-label={t('orgs.package')} value={p.kind} onChange={(e) => change(i, { kind: e.target.value as Package['kind'] })}>
                    {KINDS.map((k) => <option key={k} value={k}>{t(`package.${k}`)}</option>)}
                  </select></td>
                  <td><input type="date" aria-label={t('orgs.validFrom')} value={p.validFrom} onChange={(e) => change(i, { validFrom: e.target.value })} required />
                    {problem?.field(`packages.${i}.validFrom`) ? <span className="error">{problem.field(`packages.${i}.validFrom`)}</span> : null}</td>
                  <td><input type="date" aria-label={t('orgs.validTo')} value={p.validTo} onChange={(e) => change(i, { validTo: e.target.value })} required />
                    {problem?.field(`packages.${i}.validTo`) ? <span className="error">{problem.field(`packages.${i}.validTo`)}</span> : null}</td>
                  <td><button type="button" onClick={() => setPackages(packages.filter((_, n) => n !== i))}>{t('orgs.remove')}</button></td>
                </>
              ) : (
                <><td>{t(`package.${p.kind}`)}</td><td><bdi>{p.validFrom}</bdi></td><td><bdi>{p.validTo}</bdi></td></>
              )}
            </tr>
          ))}
        </tbody>
      </table>
      {admin ? (
        <div className="actions">
          <button type="button" onClick={() => setPackages([...packages, { kind: 'extended-hours', validFrom: `${new Date().getUTCFullYear()}-01-01`, validTo: `${new Date().getUTCFullYear()}-12-31` }])}>{t('orgs.addPackage')}</button>
          <button type="submit" className="primary" disabled={put.isPending}>{t('orgs.save')}</button>
        </div>
      ) : <p className="hint">{t('orgs.adminOnly')}</p>}
    </form>
  );
}
