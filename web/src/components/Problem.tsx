// The API's problem+json as words in the person's language: the status's sentence, then the
// API's own detail, and each field it named.
import type { ApiProblem } from '../api/client.js';
import { useT } from '../i18n/index.js';

export function problemText(problem: ApiProblem, t: (k: string) => string): string {
  if (problem.status === 0) return t('problem.network');
  const key = `problem.${problem.status}`;
  const sentence = t(key);
  return sentence === key ? t('problem.title') : sentence;
}

export function ProblemMessage({ problem, title }: { problem: ApiProblem; title?: string }) {
  const t = useT();
  return (
    <div role="alert" className="problem">
      {title ? <strong>{title} </strong> : null}
      <span>{problemText(problem, t)}</span>
      {problem.problem.detail && problem.status !== 0 ? <> <bdi>{problem.problem.detail}</bdi></> : null}
    </div>
  );
}

export function Loading() {
  const t = useT();
  return <p role="status" className="loading">{t('loading')}</p>;
}
