// Files attached to a new ticket or a reply: each uploads as soon as it is chosen, says why when
// it fails and can be retried or removed; only finished uploads are sent, so nothing is half
// attached. The limits the API enforces are stated beside the control.
import { useRef, useState } from 'react';
import { useApi, type ApiProblem } from '../api/client.js';
import { uploadFile, useUploadLimits, type UploadLimits } from '../api/uploads.js';
import { useI18n } from '../i18n/index.js';
import { problemText } from './Problem.js';

export type Upload = { key: string; file: File; state: 'uploading' | 'done' | 'failed'; uploadId?: string; error?: string };

export const uploadedIds = (uploads: readonly Upload[]): string[] => uploads.flatMap((u) => (u.state === 'done' && u.uploadId ? [u.uploadId] : []));
export const anyUploading = (uploads: readonly Upload[]): boolean => uploads.some((u) => u.state === 'uploading');

/** `application/pdf` as `pdf`, `image/png` as `png`: the limits read as words, not MIME types. */
const typeName = (type: string): string => type.split('/')[1]!.replace(/^vnd\.openxmlformats-officedocument\.wordprocessingml\.document$/, 'docx').replace(/^vnd\.openxmlformats-officedocument\.spreadsheetml\.sheet$/, 'xlsx');

/** Left-to-right text ("10 MB") kept whole inside a Hebrew sentence: Unicode's first-strong isolate. */
const isolate = (text: string): string => `\u2068${text}\u2069`;

export function formatBytes(bytes: number, language: string): string {
  const mb = bytes / (1024 * 1024);
  return mb >= 1 ? `${new Intl.NumberFormat(language, { maximumFractionDigits: 1 }).format(mb)} MB` : `${Math.ceil(bytes / 1024)} KB`;
}

/** Whether the file can be sent at all, by the stated limits; null when it can. */
export function refuseByLimits(file: File, count: number, limits: UploadLimits | undefined, t: (k: string, v?: Record<string, string | number>) => string, language: string): string | null {
  if (!limits) return null;
  if (count >= limits.maxFiles) return t('attach.tooMany', { max: limits.maxFiles });
  if (file.size > limits.maxBytes) return t('attach.tooBig', { max: formatBytes(limits.maxBytes, language) });
  if (limits.types.length > 0 && !limits.types.includes(file.type || 'application/octet-stream')) return t('attach.badType');
  return null;
}

export function Attachments({ id, uploads, onChange }: { id: string; uploads: readonly Upload[]; onChange: (next: (prev: readonly Upload[]) => Upload[]) => void }) {
  const { t, language } = useI18n();
  const { client } = useApi();
  const { data: limits } = useUploadLimits();
  const input = useRef<HTMLInputElement>(null);
  const [refused, setRefused] = useState<string | null>(null);

  const start = (key: string, file: File) => {
    onChange((prev) => prev.map((u) => (u.key === key ? { key, file, state: 'uploading' } : u)));
    uploadFile(client, file).then(
      (uploadId) => onChange((prev) => prev.map((u) => (u.key === key ? { ...u, state: 'done', uploadId } : u))),
      (error: ApiProblem) => onChange((prev) => prev.map((u) => (u.key === key ? { ...u, state: 'failed', error: `${problemText(error, t)} ${error.problem?.detail ?? ''}`.trim() } : u))),
    );
  };

  const add = (files: FileList | null) => {
    setRefused(null);
    let count = uploads.length;
    for (const file of Array.from(files ?? [])) {
      const why = refuseByLimits(file, count, limits, t, language);
      if (why) { setRefused(`${file.name}: ${why}`); continue; }
      const key = `${Date.now()}-${count}-${file.name}`;
      count++;
      onChange((prev) => [...prev, { key, file, state: 'uploading' }]);
      start(key, file);
    }
    if (input.current) input.current.value = '';
  };

  return (
    <div className="field">
      <label htmlFor={id}>{t('attach.label')}</label>
      <input id={id} ref={input} type="file" multiple onChange={(e) => add(e.target.files)} aria-describedby={`${id}-limits`}
        accept={limits?.types.join(',')} />
      <div id={`${id}-limits`} className="hint">
        {limits
          ? t('attach.limits', { count: limits.maxFiles, size: isolate(formatBytes(limits.maxBytes, language)), types: isolate(limits.types.map(typeName).join(', ')) })
          : t('attach.limitsUnknown')}
      </div>
      {refused ? <div className="error" role="alert">{refused}</div> : null}
      {uploads.length > 0 ? (
        <ul className="uploads">
          {uploads.map((u) => (
            <li key={u.key}>
              <bdi>{u.file.name}</bdi> ({formatBytes(u.file.size, language)}) — {t(`attach.${u.state}`)}
              {u.state === 'failed' ? <> <span role="alert" className="error">{u.error}</span> <button type="button" onClick={() => start(u.key, u.file)}>{t('attach.retry')}</button></> : null}
              {' '}<button type="button" onClick={() => onChange((prev) => prev.filter((x) => x.key !== u.key))} aria-label={t('attach.remove', { name: u.file.name })}>✕</button>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
