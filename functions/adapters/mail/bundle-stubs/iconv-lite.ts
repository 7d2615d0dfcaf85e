/**
 * `iconv-lite` as the inbound-mail bundle sees it (lib/bundle-aliases.ts): mailauth's libmime
 * only calls `decode`, on the rare DKIM path that reads a charset (an RFC 2231 parameter of a
 * Content-Type). The runtime's TextDecoder (Node's full ICU) knows the charsets mail uses, so the
 * bundle carries none of iconv-lite's code-page tables (issue 13: ~480 KB minified).
 * Only bundles use this file; tests, tsx and the local stack load the real package.
 */

/** The bytes in `charset`; an unknown charset throws (libmime then reads the bytes as UTF-8, as with iconv-lite). */
export function decode(bytes: Uint8Array, charset: string): string {
  return new TextDecoder(charset).decode(bytes);
}

export function encodingExists(charset: string): boolean {
  try {
    new TextDecoder(charset); // eslint-disable-line no-new
    return true;
  } catch {
    return false;
  }
}

/** Never called on the verification path: a clear error, should a new caller reach it. */
export function encode(): never {
  throw new Error('iconv-lite encode is not bundled (lib/bundle-aliases.ts): only decoding through TextDecoder is');
}

export default { decode, encode, encodingExists };
