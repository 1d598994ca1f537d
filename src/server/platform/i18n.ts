// Server-side messages in the request's language (zh-CN first, English second). Error codes are
// stable; their text lives here. Field labels let a validation error name the field in words.
import { messages as en } from '../i18n/en.ts';
import { messages as zhCN } from '../i18n/zh-CN.ts';

export const LOCALES = ['zh-CN', 'en'] as const;
export type Locale = (typeof LOCALES)[number];
export type MessageKey = keyof typeof zhCN.messages;

const catalogs = { 'zh-CN': zhCN, en } as const;

/** Picks the locale from Accept-Language (or a `lang` query/cookie value): zh-CN unless English is preferred. */
export function pickLocale(header: string | undefined): Locale {
  if (!header) return 'zh-CN';
  const first = header.split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('en') ? 'en' : 'zh-CN';
}

export function t(locale: Locale, key: MessageKey, params: Record<string, string | number> = {}): string {
  const template: string = catalogs[locale].messages[key] ?? zhCN.messages[key] ?? key;
  return template.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? `{${name}}`));
}

export function isMessageKey(key: string): key is MessageKey {
  return key in zhCN.messages;
}

/** The field's name in words, e.g. creditCode → 统一社会信用代码; unknown paths are shown as they are. */
export function fieldLabel(locale: Locale, path: string): string {
  const leaf = path.split('.').pop() ?? path;
  const labels: Record<string, string> = catalogs[locale].fields;
  return labels[path] ?? labels[leaf] ?? path;
}
