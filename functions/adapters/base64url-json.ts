// Opaque tokens (the store's and the API's page cursors) as base64url JSON.

export const toBase64UrlJson = (value: unknown): string => Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');

/** The JSON value inside a token; `undefined` when the token is not base64url JSON. */
export function fromBase64UrlJson(token: string): unknown {
  try {
    return JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as unknown;
  } catch {
    return undefined;
  }
}
