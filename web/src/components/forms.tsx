// Forms: drafts kept in sessionStorage (so signing in again, or a failure, loses nothing), the
// API's own zod request schemas checked before sending, and the API's problem+json shown beside
// the field it names, in the person's language.
import { useCallback, useEffect, useState, type ReactNode } from 'react';
import type { $ZodError } from 'zod/v4/core'; // what the API's schemas (zod/mini, functions/domain/zod.ts) report
import type { ApiProblem } from '../api/client.js';
import type { Translate } from '../i18n/index.js';

export type FieldErrors = Readonly<Record<string, string>>;

/** A form's values, kept in sessionStorage under `key` until `clear()`. */
export function useDraft<T extends object>(key: string, initial: () => T): [T, (patch: Partial<T>) => void, () => void] {
  const storageKey = `portal.draft.${key}`;
  const [value, setValue] = useState<T>(() => {
    try {
      const saved = sessionStorage.getItem(storageKey);
      if (saved) return { ...initial(), ...(JSON.parse(saved) as Partial<T>) };
    } catch { /* unreadable draft: start afresh */ }
    return initial();
  });
  useEffect(() => {
    try { sessionStorage.setItem(storageKey, JSON.stringify(value)); } catch { /* full or private: the draft lives in memory only */ }
  }, [storageKey, value]);
  const patch = useCallback((p: Partial<T>) => setValue((v) => ({ ...v, ...p })), []);
  const clear = useCallback(() => {
    sessionStorage.removeItem(storageKey);
    setValue(initial());
  }, [storageKey, initial]);
  return [value, patch, clear];
}

/** One message per field from a zod error, in the person's language. */
export function zodFieldErrors(error: $ZodError, t: Translate): FieldErrors {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const field = issue.path.map(String).join('.') || 'form';
    if (out[field]) continue;
    if (issue.code === 'too_small' && Number(issue.minimum) <= 1) out[field] = t('field.required');
    else if (issue.code === 'too_big') out[field] = t('field.tooLong', { max: Number(issue.maximum) });
    else out[field] = t('field.invalid');
  }
  return out;
}

/**
 * The fields an API problem names (`errors[].path`), as words in the person's language; the
 * API's own message follows when it is not one we can say ourselves.
 */
export function problemFieldErrors(problem: ApiProblem, t: Translate): FieldErrors {
  const out: Record<string, string> = {};
  for (const e of problem.problem.errors ?? []) {
    const field = e.path || 'form';
    if (out[field]) continue;
    const max = /<=\s*(\d+)|at most (\d+)/.exec(e.message);
    if (/>=\s*1\b|required|expected .*, received undefined/i.test(e.message)) out[field] = t('field.required');
    else if (max) out[field] = t('field.tooLong', { max: Number(max[1] ?? max[2]) });
    else out[field] = `${t('field.invalid')} (${e.message})`;
  }
  return out;
}

type FieldProps = {
  id: string;
  label: string;
  error?: string | undefined;
  hint?: ReactNode;
  children: (a11y: { id: string; 'aria-invalid': boolean; 'aria-describedby'?: string }) => ReactNode;
};

/** A labelled control with its hint and its error beside it, tied by aria-describedby. */
export function Field({ id, label, error, hint, children }: FieldProps) {
  const described = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ');
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children({ id, 'aria-invalid': !!error, ...(described ? { 'aria-describedby': described } : {}) })}
      {hint ? <div id={`${id}-hint`} className="hint">{hint}</div> : null}
      {error ? <div id={`${id}-error`} className="error" role="alert">{error}</div> : null}
    </div>
  );
}
