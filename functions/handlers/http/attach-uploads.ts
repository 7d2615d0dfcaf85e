import type { Attachment } from '../../adapters/store.js';
import type { Caller } from './caller.js';
import { attachmentDeps, type Deps } from './deps.js';
import { SNIFF_BYTES, sniffMatches, type AttachmentType } from './attachment-rules.js';
import { HttpProblem } from './problem.js';
import type { FieldError } from './types.js';

/** Where an attached upload lives: outside uploads/, which the bucket's lifecycle rule empties. */
export const attachedKeyOf = (uploadId: string): string => `attachments/api/${uploadId}`;

/**
 * Turns upload ids into attachments: each must be the caller's own unexpired upload, and storage
 * must hold exactly the size and type it was signed for, its first bytes fitting the type. Every
 * upload is checked before any is copied, so a refusal (400 naming `attachments.<i>`, each fault)
 * copies nothing and the command writes nothing: nothing is half attached.
 */
export async function attachUploads(deps: Pick<Deps, 'uploads' | 'attachments' | 'now'>, caller: Caller, ids: readonly string[]): Promise<Attachment[]> {
  if (ids.length === 0) return [];
  const { uploads, attachments } = attachmentDeps(deps);
  const now = deps.now();
  const faults: FieldError[] = [];
  const fault = (i: number, message: string) => { faults.push({ path: `attachments.${i}`, message }); return null; };
  const checked = await Promise.all(ids.map(async (id, i) => {
    if (ids.indexOf(id) !== i) return fault(i, 'the same upload twice');
    const upload = await uploads.get(id);
    if (!upload || upload.ownerSub !== caller.sub || upload.expiresAt <= now) return fault(i, 'no upload of yours with this id, or it has expired: upload the file again');
    const stored = await attachments.head(upload.key);
    if (!stored) return fault(i, 'the file was not uploaded (PUT it to the uploadUrl first)');
    if (stored.size !== upload.size) return fault(i, `the file has ${stored.size} bytes, not the ${upload.size} announced`);
    if (stored.contentType !== null && stored.contentType !== upload.contentType) return fault(i, `the file is ${stored.contentType}, not ${upload.contentType}`);
    if (!sniffMatches(upload.contentType as AttachmentType, await attachments.readStart(upload.key, SNIFF_BYTES))) {
      return fault(i, `the file's content is not ${upload.contentType}`);
    }
    return upload;
  }));
  if (faults.length > 0) throw new HttpProblem('invalid-request', 'An attachment cannot be attached', faults.sort((a, b) => a.path.localeCompare(b.path)));
  return Promise.all(checked.map(async (upload) => {
    const { id, fileName, contentType, size, key } = upload!;
    await attachments.copy(key, attachedKeyOf(id));
    return { id, name: fileName, contentType, size, key: attachedKeyOf(id) };
  }));
}
