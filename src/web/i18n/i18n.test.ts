// The web UI's strings: both languages carry the same keys, and every key the source names exists.
// A static scan: keys are always written with their namespace ('registry:agency.title'), so a
// string literal of that shape is a key wherever it appears (t() calls, route and page tables).
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { membershipStatus } from '../../server/modules/identity/schemas.ts';
import { SCREEN_CATEGORIES, SIGNAL_CATEGORIES } from '../../server/modules/market/screener/categories.ts';
import { division } from '../../server/modules/reference/schemas.ts';
import { agencyKind, agencyStatus, staffStatus } from '../../server/modules/registry/schemas.ts';
import { dayStatus } from '../../server/modules/prevention/schemas.ts';
import { hygieneDay, hygieneKind, venueStatus, visitorType } from '../../server/modules/venues/schemas.ts';
import { ROLES } from '../../shared/roles.ts';

const I18N = import.meta.dirname;
const WEB = join(I18N, '..');
const LANGUAGES = ['zh-CN', 'en'];
// i18next plural forms: en has `shown_one` and `shown_other` where zh-CN has `shown`.
const PLURAL = /_(zero|one|two|few|many|other)$/;

type Tree = { [key: string]: string | Tree };

function load(lang: string): Record<string, Tree> {
  const dir = join(I18N, lang);
  const out: Record<string, Tree> = {};
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.json'))) out[file.replace(/\.json$/, '')] = JSON.parse(readFileSync(join(dir, file), 'utf8'));
  return out;
}

const strings = Object.fromEntries(LANGUAGES.map((l) => [l, load(l)])) as Record<string, Record<string, Tree>>;
const zh = strings['zh-CN'] ?? {};
const NAMESPACES = Object.keys(zh);

/** Every leaf key of a namespace, plural suffixes folded ('list.shown'). */
function leaves(tree: Tree, prefix = ''): Set<string> {
  const out = new Set<string>();
  for (const [k, v] of Object.entries(tree)) {
    if (typeof v === 'string') out.add(`${prefix}${k}`.replace(PLURAL, ''));
    else for (const leaf of leaves(v, `${prefix}${k}.`)) out.add(leaf);
  }
  return out;
}

function lookup(lang: string, ns: string, path: string): string | Tree | undefined {
  let node: string | Tree | undefined = strings[lang]?.[ns];
  for (const part of path.split('.')) node = typeof node === 'object' ? node[part] : undefined;
  if (node !== undefined) return node;
  // a plural key: 'list.shown' is there as 'list.shown_other'
  const last = path.split('.').pop() ?? '';
  const parent = path.includes('.') ? lookup(lang, ns, path.slice(0, path.lastIndexOf('.'))) : strings[lang]?.[ns];
  return typeof parent === 'object' ? (parent[`${last}_other`] ?? undefined) : undefined;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(e.name) && !/\.(test|d)\.ts$/.test(e.name) ? [path] : [];
  });
}

type Use = { file: string; key: string };

/** Keys named in the source: literal 'ns:a.b', template prefixes `ns:a.${…}`, and t('…') arguments. */
function scan() {
  const nsAlt = NAMESPACES.join('|');
  const literal = new RegExp(`(['"\`])((?:${nsAlt}):[A-Za-z0-9_.]+)\\1`, 'g');
  const prefix = new RegExp(`\`((?:${nsAlt}):[A-Za-z0-9_.]*?)\\.?\\$\\{`, 'g');
  const tCall = /\bt\(\s*(['"`])([^'"`]*)\1/g;
  const keys: Use[] = [];
  const prefixes: Use[] = [];
  const unqualified: Use[] = [];
  for (const path of sourceFiles(WEB)) {
    const file = relative(WEB, path);
    const text = readFileSync(path, 'utf8');
    for (const m of text.matchAll(literal)) keys.push({ file, key: m[2] ?? '' });
    for (const m of text.matchAll(prefix)) prefixes.push({ file, key: m[1] ?? '' });
    for (const m of text.matchAll(tCall)) {
      const key = m[2] ?? '';
      if (!new RegExp(`^(${nsAlt}):`).test(key)) unqualified.push({ file, key });
    }
  }
  return { keys, prefixes, unqualified };
}

function split(key: string): [string, string] {
  const i = key.indexOf(':');
  return [key.slice(0, i), key.slice(i + 1)];
}

describe('web i18n', () => {
  it('has the same namespaces in every language', () => {
    for (const lang of LANGUAGES) expect(Object.keys(strings[lang] ?? {}).sort(), lang).toEqual([...NAMESPACES].sort());
    expect(NAMESPACES).toEqual(expect.arrayContaining(['common', 'auth', 'registry']));
  });

  it('has the same keys in zh-CN and en', () => {
    const problems: string[] = [];
    for (const ns of NAMESPACES) {
      const [a, b] = LANGUAGES.map((l) => leaves(strings[l]?.[ns] ?? {}));
      for (const k of a ?? []) if (!b?.has(k)) problems.push(`${ns}:${k} is in ${LANGUAGES[0]} but not in ${LANGUAGES[1]}`);
      for (const k of b ?? []) if (!a?.has(k)) problems.push(`${ns}:${k} is in ${LANGUAGES[1]} but not in ${LANGUAGES[0]}`);
    }
    expect(problems).toEqual([]);
  });

  const { keys, prefixes, unqualified } = scan();

  it('finds the keys the source uses (the scan itself works)', () => {
    expect(keys.length).toBeGreaterThan(100);
    expect(keys).toContainEqual({ file: 'routes.tsx', key: 'registry:nav.agencies' });
    expect(prefixes).toContainEqual({ file: 'components/tags.tsx', key: 'registry:agency.kind' });
  });

  it('writes every t() key with its namespace', () => {
    expect(unqualified.map((u) => `${u.file}: t('${u.key}')`)).toEqual([]);
  });

  it('has every key the source uses, as a string, in every language', () => {
    const missing = keys.flatMap(({ file, key }) => {
      const [ns, path] = split(key);
      return LANGUAGES.filter((l) => typeof lookup(l, ns, path) !== 'string').map((l) => `${file}: ${key} (${l})`);
    });
    expect(missing).toEqual([]);
  });

  it('has a group under every dynamic key prefix the source uses', () => {
    const missing = prefixes.flatMap(({ file, key }) => {
      const [ns, path] = split(key);
      return LANGUAGES.filter((l) => typeof (path ? lookup(l, ns, path) : strings[l]?.[ns]) !== 'object').map((l) => `${file}: ${key}.\${…} (${l})`);
    });
    expect(missing).toEqual([]);
  });

  // Enum labels are looked up by value (`registry:agency.status.${status}`): one per value the API sends.
  it.each([
    ['auth:role', ROLES],
    ['registry:agency.kind', agencyKind.options],
    ['registry:agency.status', agencyStatus.options],
    ['registry:employer.status', agencyStatus.options],
    ['registry:staff.status', staffStatus.options],
    ['registry:division.level', division.shape.level.options],
    ['identity:membership.status', membershipStatus.options],
    ['venues:venue.status', venueStatus.options],
    ['venues:hygiene.kind', hygieneKind.options],
    ['venues:hygiene.status', hygieneDay.shape.slots.element.shape.status.options],
    ['venues:door.type', visitorType.options],
    ['venues:door.reason', ['no_mask', 'fever']],
    ['prevention:status', dayStatus.options],
    ['market:screen.category', [...SCREEN_CATEGORIES, ...SIGNAL_CATEGORIES]],
  ])('labels every value of %s', (group, values) => {
    const [ns, path] = split(group);
    for (const lang of LANGUAGES) for (const v of values) expect(lookup(lang, ns, `${path}.${v}`), `${group}.${v} (${lang})`).toBeTypeOf('string');
  });
});
