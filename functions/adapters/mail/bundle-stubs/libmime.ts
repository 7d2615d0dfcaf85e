/**
 * `libmime` as the inbound-mail bundle sees it (lib/bundle-aliases.ts). mailauth's DKIM verifier
 * calls one function of it, `parseHeaderValue`, on the Content-Type, to find a multipart boundary
 * for a diagnostic (`mimeStructureStart`, which we do not read); it never decides a verdict.
 * The real package brings a 68 KB MIME-type table and, through iconv-lite and encoding-japanese,
 * ~700 KB of code-page tables: ~90 KB and ~10 ms of the inbound cold start (issue 13). This is the
 * same parse (quotes, escapes, RFC 2231 continuations and charsets through TextDecoder);
 * test/adapters/mail/bundle-aliases.test.ts compares it with the real one. Folding and everything
 * else libmime does are for signing, which no function does: they throw a clear error.
 * Only bundles use this file; tests, tsx and the local stack load the real package.
 */

export type HeaderValue = { value: string; params: Record<string, string> };

/**
 * `text/plain; charset="utf-8"; name*0*=utf-8''a%20b; name*1=c` to its value and parameters, by
 * libmime's grammar: a name runs to its `=` (a name without one, at the end, gets an empty value),
 * a value to a `;` outside quotes, a backslash escapes. RFC 2231 continuations are joined and a
 * charset decoded; unlike libmime, encoded words inside a continuation are left as they are.
 */
export function parseHeaderValue(header: string): HeaderValue {
  const { value, pairs } = tokenize(header);
  const params: Record<string, string> = {};
  const continued = new Map<string, { charset: string | null; pieces: { nr: number; text: string }[] }>();
  for (const [key, text] of pairs) {
    const rfc2231 = /\*((\d+)\*?)?$/.exec(key);
    if (!rfc2231) {
      params[key] = text;
      continue;
    }
    const name = key.slice(0, rfc2231.index);
    const nr = Number(rfc2231[2]) || 0;
    const entry = continued.get(name) ?? { charset: null, pieces: [] };
    continued.set(name, entry);
    const extended = nr === 0 && key.endsWith('*') ? /^([^']*)'[^']*'(.*)$/.exec(text) : null;
    if (extended) entry.charset = extended[1] || 'utf-8';
    entry.pieces.push({ nr, text: extended ? extended[2]! : text });
  }
  for (const [name, { charset, pieces }] of continued) {
    const joined = pieces.sort((a, b) => a.nr - b.nr).map((p) => p.text).join('');
    params[name] = charset ? decodePercent(joined, charset) : joined;
  }
  return { value, params };
}

function tokenize(header: string): { value: string; pairs: [string, string][] } {
  const pairs: [string, string][] = [];
  let i = 0;
  /** A value from `i` to the next `;` outside quotes (or the end), unquoted, unescaped, trimmed. */
  const readValue = (): string => {
    let out = '';
    let quoted = false;
    for (; i < header.length; i++) {
      const chr = header[i]!;
      if (chr === '\\' && i + 1 < header.length) out += header[++i];
      else if (chr === '"') quoted = !quoted;
      else if (chr === ';' && !quoted) {
        i++;
        break;
      } else out += chr;
    }
    return out.trim();
  };
  const value = readValue();
  while (i < header.length) {
    const eq = header.indexOf('=', i);
    if (eq === -1) {
      const key = header.slice(i).trim().toLowerCase();
      if (key) pairs.push([key, '']);
      break;
    }
    const key = header.slice(i, eq).trim().toLowerCase();
    i = eq + 1;
    pairs.push([key, readValue()]);
  }
  return { value, pairs };
}

/** `%F9%EC` in `charset`; an unknown charset is read as UTF-8, as libmime does. */
function decodePercent(text: string, charset: string): string {
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const hex = text[i] === '%' ? /^[0-9a-f]{2}$/i.exec(text.slice(i + 1, i + 3)) : null;
    if (hex) {
      bytes.push(parseInt(hex[0], 16));
      i += 2;
    } else bytes.push(...Buffer.from(text[i]!, 'utf8'));
  }
  try {
    return new TextDecoder(charset).decode(Uint8Array.from(bytes));
  } catch {
    return Buffer.from(bytes).toString('utf8');
  }
}

const notBundled = (name: string) => (): never => {
  throw new Error(`libmime ${name} is not bundled (lib/bundle-aliases.ts): only parseHeaderValue, for DKIM verification, is`);
};

export const foldLines = notBundled('foldLines');
export const decodeWords = notBundled('decodeWords');
export const encodeWords = notBundled('encodeWords');

export default { parseHeaderValue, foldLines, decodeWords, encodeWords };
