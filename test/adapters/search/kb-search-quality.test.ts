// The search-quality check of issue 11: labelled queries over the seeded articles (what
// `npm start -- --seed` publishes), each with the article it must find in the first three.
import { describe, expect, it } from 'vitest';
import { ArticleIndex } from '../../../functions/adapters/search/article-index.js';
import { indexFileOf } from '../../../functions/adapters/search/build-index.js';
import { renderArticleBody } from '../../../functions/adapters/search/markdown.js';
import { createArticle, publishArticle, type Audience } from '../../../functions/domain/kb/index.js';
import { SEED_ARTICLES, seedArticleId } from '../../../bin/local/seed-articles.js';

const AT = '2026-01-04T08:00:00.000Z';
const index = ArticleIndex.load(JSON.parse(JSON.stringify(indexFileOf(SEED_ARTICLES.map(({ key, ...content }) => {
  const draft = createArticle(seedArticleId(key), { ...content, ...renderArticleBody(content.body) }, 'manager@center.example', AT).article;
  return publishArticle(draft, 'manager@center.example', AT).article;
}), AT))));

type Labelled = { q: string; expect: string; kind: string; as?: Audience };
const LABELLED: Labelled[] = [
  // Hebrew: the word as written, with prefix letters, with combinations, inflected
  { q: 'התקנה', expect: 'install-server', kind: 'he exact' },
  { q: 'בהתקנה', expect: 'install-server', kind: 'he prefix ב' },
  { q: 'להתקנת השרת', expect: 'install-server', kind: 'he prefix ל, construct' },
  { q: 'לשרת', expect: 'install-server', kind: 'he prefix ל' },
  { q: 'ושדרוג', expect: 'upgrade', kind: 'he prefix ו' },
  { q: 'כשהשדרוג נכשל', expect: 'rollback', kind: 'he prefix כשה' },
  { q: 'מהגיבוי', expect: 'rollback', kind: 'he prefix מה' },
  { q: 'רישיון', expect: 'licence-activate', kind: 'he final letter' },
  { q: 'הרישיונות', expect: 'licence-activate', kind: 'he prefix ה, plural' },
  { q: 'רִשָּׁיוֹן פג תוקף', expect: 'licence-expired', kind: 'he niqqud' },
  { q: 'רשיון שפג', expect: 'licence-expired', kind: 'he spelling, prefix ש' },
  { q: 'הפעלה לא מקוונת', expect: 'licence-offline', kind: 'he phrase', as: 'customer' },
  { q: 'SAP', expect: 'connector-sap', kind: 'he article, latin word' },
  { q: 'למערכת SAP', expect: 'connector-sap', kind: 'he prefix ל' },
  { q: 'מחבר למסד נתונים', expect: 'connector-sql', kind: 'he prefixes' },
  { q: 'הטעינה נכשלה', expect: 'reload-failed', kind: 'he prefix ה, inflected' },
  { q: 'יומן טעינה', expect: 'reload-failed', kind: 'he' },
  { q: 'תזמון טעינות', expect: 'reload-schedule', kind: 'he plural' },
  { q: 'לוח מחוונים איטי', expect: 'performance-slow', kind: 'he' },
  { q: 'בביצועים', expect: 'performance-slow', kind: 'he prefix ב' },
  { q: 'הרשאות גישה', expect: 'access-rights', kind: 'he' },
  { q: 'וההרשאות', expect: 'access-rights', kind: 'he prefix וה' },
  { q: 'זמן תגובה', expect: 'sla-targets', kind: 'he' },
  { q: 'חומרת הקריאה', expect: 'sla-targets', kind: 'he' },
  { q: 'ממתין ללקוח', expect: 'pending-customer', kind: 'he prefix ל' },
  { q: 'סגירה אוטומטית', expect: 'pending-customer', kind: 'he' },
  { q: 'להסלים', expect: 'escalation', kind: 'he prefix ל, verb' },
  { q: 'התקנה שקטה', expect: 'install-client', kind: 'he' },
  { q: 'שדרו', expect: 'upgrade', kind: 'he partial word' },
  { q: 'רישיונ', expect: 'licence-activate', kind: 'he partial, final typed as ordinary' },
  { q: 'הרשאת', expect: 'access-rights', kind: 'he construct' },
  // English: inflections, stems, typos, partial words
  { q: 'installing linux', expect: 'install-server-en', kind: 'en stem' },
  { q: 'install', expect: 'install-server-en', kind: 'en exact' },
  { q: 'upgrades', expect: 'upgrade-en', kind: 'en plural' },
  { q: 'upgradeing', expect: 'upgrade-en', kind: 'en typo' },
  { q: 'licence key', expect: 'licence-en', kind: 'en' },
  { q: 'licenses', expect: 'licence-en', kind: 'en spelling' },
  { q: 'REST API pagination', expect: 'connector-rest', kind: 'en' },
  { q: 'csv files', expect: 'connector-excel', kind: 'en plural' },
  { q: 'excel', expect: 'connector-excel', kind: 'en' },
  { q: 'out of memory', expect: 'reload-memory', kind: 'en phrase' },
  { q: 'relaod fails', expect: 'reload-memory', kind: 'en typo' },
  { q: 'slow dashboards', expect: 'performance-en', kind: 'en plural' },
  { q: 'perform', expect: 'performance-en', kind: 'en partial' },
  { q: 'single sign-on', expect: 'sso', kind: 'en', as: 'customer' },
  { q: 'saml', expect: 'sso', kind: 'en', as: 'customer' },
  { q: 'security rules', expect: 'access-en', kind: 'en' },
  { q: 'response times', expect: 'sla-en', kind: 'en plural' },
  { q: 'holidays', expect: 'business-hours', kind: 'en' },
  { q: 'extended hours', expect: 'business-hours', kind: 'en' },
  { q: 'restore', expect: 'backup', kind: 'en', as: 'customer' },
  { q: 'certificate expired', expect: 'certificates', kind: 'en' },
  { q: 'certif', expect: 'certificates', kind: 'en partial' },
  { q: 'vendor case', expect: 'internal-vendor', kind: 'en, internal', as: 'staff' },
];

describe('R-KB-1: search quality over the seeded articles', () => {
  it('has at least 40 labelled queries, in Hebrew and English', () => {
    expect(LABELLED.length).toBeGreaterThanOrEqual(40);
    expect(LABELLED.filter((l) => /[\u05D0-\u05EA]/.test(l.q)).length).toBeGreaterThanOrEqual(20);
  });

  it('finds at least 90% of the labelled articles in the first three results', () => {
    const misses: string[] = [];
    for (const l of LABELLED) {
      const top = index.search({ q: l.q, audience: l.as ?? 'anonymous', limit: 3 }).map((h) => h.id);
      if (!top.includes(seedArticleId(l.expect))) misses.push(`${l.q} (${l.kind}) → ${top.map((id) => SEED_ARTICLES[Number(id.slice(-12)) - 1]!.key).join(', ') || 'nothing'}`);
    }
    const found = LABELLED.length - misses.length;
    const share = found / LABELLED.length;
    console.log(`kb search quality: ${found}/${LABELLED.length} found in the top 3 (${(share * 100).toFixed(1)}%)${misses.length ? `; missed: ${misses.join(' | ')}` : ''}`);
    expect(share).toBeGreaterThanOrEqual(0.9);
  });

  it('never shows an anonymous reader a customers or internal article, nor a customer an internal one', () => {
    for (const l of LABELLED) {
      for (const audience of ['anonymous', 'customer'] as const) {
        for (const hit of index.search({ q: l.q, audience, limit: 10 })) {
          const seed = SEED_ARTICLES[Number(hit.id.slice(-12)) - 1]!;
          expect(seed.visibility === 'internal' || (audience === 'anonymous' && seed.visibility === 'customers'), `${audience} saw ${seed.key}`).toBe(false);
        }
      }
    }
  });
});
