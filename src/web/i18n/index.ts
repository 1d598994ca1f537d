// UI strings: zh-CN by default, English on request; the choice is remembered in localStorage and
// sent to the API as Accept-Language so server messages come back in the same language.
// One JSON per namespace and language (`zh-CN/registry.json`): `common` for the frame, then one per
// domain, named like the server modules. Keys always carry their namespace: t('registry:agency.title').
import i18n, { type Resource, type ResourceLanguage } from 'i18next';
import { initReactI18next } from 'react-i18next';

export const LANGUAGES = ['zh-CN', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];
const STORAGE_KEY = 'yunqiao.lang';

// Bundled with the entry (a few KB): every page can label anything without waiting for a fetch.
const files = import.meta.glob<ResourceLanguage>('./*/*.json', { eager: true, import: 'default' });

function resources(): Resource {
  const out: Record<string, Record<string, ResourceLanguage>> = {};
  for (const [path, strings] of Object.entries(files)) {
    const [, lang, ns] = /^\.\/([^/]+)\/([^/]+)\.json$/.exec(path) ?? [];
    if (lang && ns) out[lang] = { ...out[lang], [ns]: strings };
  }
  return out;
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

export function currentLanguage(): Language {
  return isLanguage(i18n.language) ? i18n.language : 'zh-CN';
}

export async function setLanguage(lang: Language): Promise<void> {
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // private mode: the choice lasts for this page only
  }
  document.documentElement.lang = lang;
  await i18n.changeLanguage(lang);
}

const initial = storedLanguage();
// no document when a test imports the pages in Node (src/web/routes.test.ts)
if (typeof document !== 'undefined') document.documentElement.lang = initial;
const bundled = resources();

void i18n.use(initReactI18next).init({
  resources: bundled,
  ns: Object.keys(bundled['zh-CN'] ?? {}),
  defaultNS: 'common',
  lng: initial,
  fallbackLng: 'zh-CN',
  interpolation: { escapeValue: false },
  returnNull: false,
});

export default i18n;
