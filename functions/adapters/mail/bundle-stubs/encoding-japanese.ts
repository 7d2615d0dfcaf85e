/**
 * `encoding-japanese` as the inbound-mail bundle sees it (lib/bundle-aliases.ts): mailauth's
 * libmime calls `convert(bytes, { from, to: 'UNICODE', type: 'string' })` for JIS, ISO-2022-JP
 * and EUC-JP; the runtime's TextDecoder reads those, so the bundle carries none of the ~200 KB of
 * conversion tables (issue 13). Only bundles use this file; tests load the real package.
 */
const LABELS: ReadonlyArray<readonly [RegExp, string]> = [
  [/^(?:jis|iso-?2022-?jp)/i, 'iso-2022-jp'],
  [/^(?:x-)?euc-?jp/i, 'euc-jp'],
  [/^(?:sjis|shift[-_]?jis)/i, 'shift_jis'],
];

type ConvertOptions = { from?: string; to?: string; type?: string };

/** Decodes to a string; anything else (encoding, arrays of code points) throws, and libmime then falls back to iconv-lite's `decode`. */
export function convert(data: Uint8Array, options: ConvertOptions): string {
  const label = LABELS.find(([pattern]) => pattern.test(options.from ?? ''))?.[1];
  if (!label || options.to !== 'UNICODE' || options.type !== 'string') {
    throw new Error(`encoding-japanese convert from ${options.from} to ${options.to} (${options.type}) is not bundled (lib/bundle-aliases.ts)`);
  }
  return new TextDecoder(label).decode(data);
}

export default { convert };
