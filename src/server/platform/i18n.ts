// Server-side messages in the request's language (zh-CN first, English second). Each module has a
// catalogue (its messages.ts), merged here by the composition root; platform messages (errors of
// the HTTP layer, spreadsheets, generic field rules) live in platform/messages.ts. A key with a
// `status` is an error code (`error.code`): the catalogue is also the one code → HTTP status
// table. Keys are unique across modules: clients depend on error codes.
import { platformMessages } from './messages.ts';
import { sheetMessages } from './sheets/messages.ts';

export const LOCALES = ['zh-CN', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

/** One message in both languages; `status` makes it an error code answered with that HTTP status. */
export type MessageText = { readonly zh: string; readonly en: string; readonly status?: number };
export type MessageCatalogue = Readonly<Record<string, MessageText>>;

/**
 * Every message key of every catalogue, by declaration merging: each messages.ts adds its keys
 * (`declare module '…/platform/i18n.ts' { interface MessageKeys extends KeysOf<typeof messages> {} }`),
 * so AppError and fieldError accept only keys that exist.
 */
export interface MessageKeys extends KeysOf<typeof platformMessages>, KeysOf<typeof sheetMessages> {}
/** Each key of a catalogue, marked 'code' when it has a status (an error code), else 'message'. */
export type KeysOf<C extends MessageCatalogue> = { readonly [K in keyof C]: C[K] extends { status: number } ? 'code' : 'message' };
export type MessageKey = Extract<keyof MessageKeys, string>;
/** The keys that are error codes (`error.code`): only these may start an AppError. */
export type ErrorCode = { [K in MessageKey]: MessageKeys[K] extends 'code' ? K : never }[MessageKey];

/** Declares a catalogue (the literal types keep its keys). */
export function defineMessages<const C extends MessageCatalogue>(catalogue: C): C {
  return catalogue;
}

const table = new Map<string, { owner: string; text: MessageText }>();

/**
 * Merges a module's catalogue; installing the same module again replaces its entries. Throws when
 * a key is already another module's (a collision clients would see).
 */
export function installCatalogue(owner: string, catalogue: MessageCatalogue): void {
  for (const [key, text] of Object.entries(catalogue)) {
    const existing = table.get(key);
    if (existing && existing.owner !== owner) throw new Error(`message key ${key} of ${owner} is already ${existing.owner}'s`);
    table.set(key, { owner, text });
  }
}
installCatalogue('platform', platformMessages);
installCatalogue('sheets', sheetMessages);

/** Every installed key with its owner (tests check uniqueness and both languages). */
export function catalogueEntries(): { key: string; owner: string; text: MessageText }[] {
  return [...table.entries()].map(([key, v]) => ({ key, ...v }));
}

/** Picks the locale from Accept-Language: zh-CN unless English is preferred. */
export function pickLocale(header: string | undefined): Locale {
  if (!header) return 'zh-CN';
  const first = header.split(',')[0]?.trim().toLowerCase() ?? '';
  return first.startsWith('en') ? 'en' : 'zh-CN';
}

/** The message in `locale` with `{name}` placeholders filled; an unknown key is returned as it is. */
export function t(locale: Locale, key: MessageKey | string, params: Record<string, string | number> = {}): string {
  const text = table.get(key)?.text;
  const template = text ? (locale === 'en' ? text.en : text.zh) : key;
  return template.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? `{${name}}`));
}

export function isMessageKey(key: string): key is MessageKey {
  return table.has(key);
}

/**
 * The HTTP status of an error code (the one code → status table). Every ErrorCode has one once the
 * composition root has installed the catalogues; before that (a service used without the root) a
 * module's code answers 500.
 */
export function statusOf(code: ErrorCode): number {
  return table.get(code)?.text.status ?? 500;
}
