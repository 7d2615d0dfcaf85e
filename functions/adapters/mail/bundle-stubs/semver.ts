/**
 * `semver` as the bundles with Powertools' Tracer see it (lib/bundle-aliases.ts): aws-xray-sdk-core
 * calls only `gte` (the AWS SDK v2 version check of its v2 patcher, never at import), yet semver's
 * whole range grammar is ~28 KB of every traced bundle (issue 13: timer, outbox, mail events,
 * reports, inbound mail). This is `gte` (and `compare`) by the SemVer 2.0 precedence rules;
 * test/adapters/mail/bundle-aliases.test.ts compares it with semver's and traces a client through
 * a bundle. Other semver functions are absent. Only bundles use this file; tests load the real one.
 */
const VERSION = /^v?(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-([0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*))?(?:\+[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?$/;

type Parsed = { core: [number, number, number]; pre: string[] };

function parse(version: string): Parsed {
  const m = typeof version === 'string' ? VERSION.exec(version.trim()) : null;
  if (!m) throw new TypeError(`Invalid Version: ${String(version)}`);
  return { core: [Number(m[1]), Number(m[2]), Number(m[3])], pre: m[4] ? m[4].split('.') : [] };
}

const NUMERIC = /^\d+$/;

/** SemVer 2.0 §11: numeric identifiers numerically and below alphanumeric ones; a shorter list is lower. */
function comparePre(a: string[], b: string[]): number {
  if (!a.length || !b.length) return b.length - a.length; // no pre-release is higher than any
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const [x, y] = [a[i], b[i]];
    if (x === undefined || y === undefined) return x === undefined ? -1 : 1;
    if (x === y) continue;
    const [xn, yn] = [NUMERIC.test(x), NUMERIC.test(y)];
    if (xn && yn) return Number(x) - Number(y);
    if (xn !== yn) return xn ? -1 : 1;
    return x < y ? -1 : 1;
  }
  return 0;
}

export function compare(a: string, b: string): number {
  const [x, y] = [parse(a), parse(b)];
  for (let i = 0; i < 3; i++) if (x.core[i] !== y.core[i]) return Math.sign(x.core[i]! - y.core[i]!);
  return Math.sign(comparePre(x.pre, y.pre));
}

export const gte = (a: string, b: string): boolean => compare(a, b) >= 0;

export default { gte, compare };
