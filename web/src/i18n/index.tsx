// Hebrew and English catalogues: the shell's (he.ts, en.ts) merged with every feature's
// (<feature>.he.ts, <feature>.en.ts, each a default export), so a feature adds its strings
// without editing a shared file. The language follows the person (the token's locale, from
// the contact's language), can be switched, and is remembered in localStorage.
import { createContext, useCallback, useContext, useEffect, useLayoutEffect, useMemo, useState, type ReactNode } from 'react';
import type { Language } from '../session/claims.js';
import enCore from './en.js';
import heCore from './he.js';

type Catalogue = Readonly<Record<string, string>>;

const he = import.meta.glob<{ default: Catalogue }>('./*.he.ts', { eager: true });
const en = import.meta.glob<{ default: Catalogue }>('./*.en.ts', { eager: true });

export const CATALOGUES: Readonly<Record<Language, Catalogue>> = {
  he: Object.assign({}, heCore, ...Object.values(he).map((m) => m.default)) as Catalogue,
  en: Object.assign({}, enCore, ...Object.values(en).map((m) => m.default)) as Catalogue,
};

export const LANGUAGE_KEY = 'portal.language';
export const TIME_ZONE = 'Asia/Jerusalem';

export type Translate = (key: string, vars?: Readonly<Record<string, string | number>>) => string;

export function translator(language: Language): Translate {
  const catalogue = CATALOGUES[language];
  return (key, vars) => {
    const text = catalogue[key] ?? CATALOGUES.en[key] ?? key;
    return vars ? text.replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m)) : text;
  };
}

export function storedLanguage(): Language | null {
  try {
    const v = localStorage.getItem(LANGUAGE_KEY);
    return v === 'he' || v === 'en' ? v : null;
  } catch {
    return null;
  }
}

const LAST_PERSON_LANGUAGE_KEY = 'portal.personLanguage';
function lastPersonLanguage(): Language | null {
  try {
    const v = sessionStorage.getItem(LAST_PERSON_LANGUAGE_KEY);
    return v === 'he' || v === 'en' ? v : null;
  } catch {
    return null;
  }
}

const formatters = new Map<string, Intl.DateTimeFormat>();
/** An instant as the person reads it: their language, Israel's time (the center's zone). */
export function formatInstant(iso: string, language: Language, style: 'date' | 'dateTime' = 'dateTime'): string {
  const key = `${language}:${style}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(language === 'he' ? 'he-IL' : 'en-GB', {
      timeZone: TIME_ZONE, dateStyle: 'medium', ...(style === 'dateTime' ? { timeStyle: 'short' } : {}),
    });
    formatters.set(key, f);
  }
  return f.format(new Date(iso));
}

type I18n = { language: Language; setLanguage(l: Language): void; t: Translate; date(iso: string, style?: 'date' | 'dateTime'): string };
const I18nContext = createContext<I18n | null>(null);

export function I18nProvider({ personLanguage, children }: { personLanguage: Language | null; children: ReactNode }) {
  const [chosen, setChosen] = useState<Language | null>(storedLanguage);
  // Signed out (a session that ended), the page keeps the language of the person who was here.
  const language: Language = chosen ?? personLanguage ?? lastPersonLanguage() ?? 'he';
  useEffect(() => {
    if (personLanguage) try { sessionStorage.setItem(LAST_PERSON_LANGUAGE_KEY, personLanguage); } catch { /* private mode */ }
  }, [personLanguage]);
  const setLanguage = useCallback((l: Language) => {
    try { localStorage.setItem(LANGUAGE_KEY, l); } catch { /* private mode: for this visit only */ }
    setChosen(l);
  }, []);
  useLayoutEffect(() => { // before the first paint: an English page never flashes right to left
    document.documentElement.lang = language;
    document.documentElement.dir = language === 'he' ? 'rtl' : 'ltr';
  }, [language]);
  const value = useMemo<I18n>(() => ({
    language, setLanguage, t: translator(language), date: (iso, style) => formatInstant(iso, language, style),
  }), [language, setLanguage]);
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>;
}

export function useI18n(): I18n {
  const i18n = useContext(I18nContext);
  if (!i18n) throw new Error('useI18n outside I18nProvider');
  return i18n;
}

export const useT = (): Translate => useI18n().t;
