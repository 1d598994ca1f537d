// The phone shell's strings: zh-CN by default, English on request, in the same shape as the desks'
// (src/web/i18n): one JSON per namespace and language (`zh-CN/auth.json`), keys always carrying
// their namespace (`t('auth:login.title')`), `{{name}}` placeholders. No i18next here: a lookup and
// a replace are all the shell needs, and the bundle stays small. The choice is remembered under the
// desks' localStorage key, so it carries over when a user moves between the two apps.
import { useSyncExternalStore } from 'react';

export const LANGUAGES = ['zh-CN', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
/** The same key as src/web/i18n/index.ts. */
const STORAGE_KEY = 'yunqiao.lang';

type Messages = { [key: string]: string | Messages };

// both languages bundled with the entry (a few hundred bytes): no fetch before the first paint
const files = import.meta.glob<Messages>('./*/*.json', { eager: true, import: 'default' });

/** Catalogues by language and namespace, from the JSON files beside this one. */
export const CATALOGUES: Record<string, Record<string, Messages>> = {};
for (const [path, strings] of Object.entries(files)) {
  const [, lang, ns] = /^\.\/([^/]+)\/([^/]+)\.json$/.exec(path) ?? [];
  if (lang && ns) CATALOGUES[lang] = { ...CATALOGUES[lang], [ns]: strings };
}

function isLanguage(v: unknown): v is Language {
  return typeof v === 'string' && (LANGUAGES as readonly string[]).includes(v);
}

function storedLanguage(): Language {
  try {
    const v = localStorage.getItem(STORAGE_KEY);
    return isLanguage(v) ? v : 'zh-CN';
  } catch {
    return 'zh-CN';
  }
}

let language: Language = typeof localStorage === 'undefined' ? 'zh-CN' : storedLanguage();
const listeners = new Set<() => void>();
if (typeof document !== 'undefined') document.documentElement.lang = language;

export function currentLanguage(): Language {
  return language;
}

export function setLanguage(lang: Language): void {
  language = lang;
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // private mode: the choice lasts for this page only
  }
  document.documentElement.lang = lang;
  for (const l of listeners) l();
}

function lookup(lang: string, key: string): string | undefined {
  const colon = key.indexOf(':');
  if (colon < 1) return undefined;
  let node: string | Messages | undefined = CATALOGUES[lang]?.[key.slice(0, colon)];
  for (const part of key.slice(colon + 1).split('.')) {
    if (typeof node !== 'object') return undefined;
    node = node[part];
  }
  return typeof node === 'string' ? node : undefined;
}

/**
 * The string for `key` ('namespace:path.to.key') in `lang` (zh-CN when the key is missing there;
 * the key itself when missing everywhere, which i18n.test.ts rules out), with each `{{name}}`
 * replaced by `params[name]`.
 */
export function translate(lang: Language, key: string, params: Record<string, string | number> = {}): string {
  const text = lookup(lang, key) ?? lookup('zh-CN', key) ?? key;
  return text.replace(/\{\{\s*(\w+)\s*\}\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The current language and its `t`; re-renders the caller when the language changes. */
export function useT(): { lang: Language; t: (key: string, params?: Record<string, string | number>) => string } {
  const lang = useSyncExternalStore(subscribe, currentLanguage, currentLanguage);
  return { lang, t: (key, params) => translate(lang, key, params) };
}
