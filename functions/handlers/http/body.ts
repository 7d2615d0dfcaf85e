import type * as z from '../../domain/zod.js';
import { header } from './header.js';
import { HttpProblem } from './problem.js';
import type { HttpEvent } from './types.js';

/** The largest request body the API takes; tickets carry text, attachments go elsewhere. */
export const MAX_BODY_BYTES = 64 * 1024;

/** `application/json`, or a JSON-based type such as `application/merge-patch+json`, with any parameters. */
const JSON_MEDIA_TYPE = /^application\/([\w.-]+\+)?json\s*(;|$)/i;

/**
 * The request's JSON body, validated by `schema` (strict objects: an unknown field is a 400).
 * A body declared as anything but JSON is a 415 (one with no Content-Type is read as JSON).
 * Size is checked before parsing, so a huge body costs no JSON work.
 */
export function readJsonBody<S extends z.ZodMiniType>(event: Pick<HttpEvent, 'body' | 'isBase64Encoded' | 'headers'>, schema: S): z.output<S> {
  const type = header(event, 'content-type');
  if (type !== undefined && !JSON_MEDIA_TYPE.test(type.trim())) {
    throw new HttpProblem('unsupported-media-type', `The body must be application/json, not ${type.slice(0, 100)}`, [{ path: 'Content-Type', message: 'expected application/json' }]);
  }
  const raw = event.body ?? '';
  const bytes = event.isBase64Encoded ? Buffer.from(raw, 'base64') : Buffer.from(raw, 'utf8');
  if (bytes.byteLength > MAX_BODY_BYTES) throw new HttpProblem('payload-too-large', `The body may be at most ${MAX_BODY_BYTES} bytes`);
  const text = bytes.toString('utf8');
  if (text.trim() === '') throw new HttpProblem('malformed-json', 'A JSON body is required');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    throw new HttpProblem('malformed-json', `The body is not JSON: ${(err as Error).message}`);
  }
  return schema.parse(json); // a ZodError names the fields at fault (problem.ts)
}
