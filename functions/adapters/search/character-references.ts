// Character references (`&#106;`, `&#x6A;`, `&colon;`) in an article's Markdown, decoded where the
// renderer needs the characters: a link's URL, checked for its scheme, and the plain text the
// index reads. Every numeric reference is decoded. Of the 2,125 named ones, only those that stand
// for an ASCII character (all a scheme could hide behind: `javascript&colon;`, `&Tab;`) and a
// few that authors type are: the full table would cost a write function's bundle about 20 KB
// (issue 13). An unknown name stays as written: in a URL it is then literal text (the renderer
// escapes its `&`, so a browser decodes nothing), in the page's HTML the browser shows it as always.

/** The named references that spell ASCII (the complete set of HTML's), then some common typography. */
const NAMED: Readonly<Record<string, string>> = {
  Tab: '\t', NewLine: '\n', excl: '!', quot: '"', QUOT: '"', num: '#', dollar: '$', percnt: '%', amp: '&', AMP: '&',
  apos: "'", lpar: '(', rpar: ')', ast: '*', midast: '*', plus: '+', comma: ',', period: '.', sol: '/', colon: ':',
  semi: ';', lt: '<', LT: '<', equals: '=', gt: '>', GT: '>', quest: '?', commat: '@', lsqb: '[', lbrack: '[',
  bsol: '\\', rsqb: ']', rbrack: ']', Hat: '^', lowbar: '_', UnderBar: '_', grave: '`', DiacriticalGrave: '`',
  lcub: '{', lbrace: '{', verbar: '|', vert: '|', VerticalLine: '|', rcub: '}', rbrace: '}',
  nbsp: '\u00A0', shy: '\u00AD', ensp: '\u2002', emsp: '\u2003', thinsp: '\u2009', zwnj: '\u200C', zwj: '\u200D',
  lrm: '\u200E', rlm: '\u200F', ndash: '\u2013', mdash: '\u2014', lsquo: '\u2018', rsquo: '\u2019', sbquo: '\u201A',
  ldquo: '\u201C', rdquo: '\u201D', bdquo: '\u201E', laquo: '\u00AB', raquo: '\u00BB', hellip: '\u2026', bull: '\u2022',
  middot: '\u00B7', copy: '\u00A9', reg: '\u00AE', trade: '\u2122', deg: '\u00B0', plusmn: '\u00B1', times: '\u00D7',
  divide: '\u00F7', euro: '\u20AC', pound: '\u00A3', cent: '\u00A2', sect: '\u00A7', para: '\u00B6', larr: '\u2190',
  rarr: '\u2192', uarr: '\u2191', darr: '\u2193', harr: '\u2194', le: '\u2264', ge: '\u2265', ne: '\u2260',
};

const REFERENCE = /&(?:#(\d{1,7})|#[xX]([\da-fA-F]{1,6})|([A-Za-z][A-Za-z\d]{0,31}));/g;

/** `text` with its character references decoded (CommonMark's: zero, a surrogate or beyond U+10FFFF is U+FFFD); unknown names kept. */
export function decodeReferences(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(REFERENCE, (reference, decimal?: string, hex?: string, name?: string) => {
    if (name !== undefined) return Object.hasOwn(NAMED, name) ? NAMED[name]! : reference;
    const code = decimal !== undefined ? Number.parseInt(decimal, 10) : Number.parseInt(hex!, 16);
    return code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff) ? '\uFFFD' : String.fromCodePoint(code);
  });
}
