// The phone shell's strings: both languages carry the same keys, every key the source names
// exists, every role has its label, and `translate` falls back and fills placeholders.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROLES } from '../../shared/roles.ts';
import { CATALOGUES, LANGUAGES, translate } from './index.ts';

type Tree = { [key: string]: string | Tree };
const MOBILE = join(import.meta.dirname, '..');

function leaves(tree: Tree, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([k, v]) => (typeof v === 'string' ? [`${prefix}${k}`] : leaves(v, `${prefix}${k}.`)));
}

function keysOf(lang: string): string[] {
  return Object.entries(CATALOGUES[lang] ?? {})
    .flatMap(([ns, tree]) => leaves(tree as Tree).map((k) => `${ns}:${k}`))
    .sort();
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(e.name) && !/\.(test|d)\.ts$/.test(e.name) ? [path] : [];
  });
}

describe('phone shell strings', () => {
  it('zh-CN and en have the same keys, none empty', () => {
    const zh = keysOf('zh-CN');
    expect(zh.length).toBeGreaterThan(20);
    expect(keysOf('en')).toEqual(zh);
    for (const lang of LANGUAGES) for (const key of zh) expect(translate(lang, key).trim(), `${lang} ${key}`).not.toBe('');
  });

  it('every key the source names exists; every t() call names its namespace', () => {
    const all = new Set(keysOf('zh-CN'));
    const missing: string[] = [];
    const unqualified: string[] = [];
    let seen = 0;
    for (const path of sourceFiles(MOBILE)) {
      const text = readFileSync(path, 'utf8');
      for (const m of text.matchAll(/\bt\(\s*(['"`])([^'"`$]*)/g)) {
        const [, quote, key = ''] = m;
        seen++;
        if (!/^[a-z]+:/.test(key)) unqualified.push(`${relative(MOBILE, path)}: ${key}`);
        else if (quote !== '`' && !all.has(key)) missing.push(`${relative(MOBILE, path)}: ${key}`);
      }
    }
    expect(seen).toBeGreaterThan(10);
    expect(unqualified).toEqual([]);
    expect(missing).toEqual([]);
  });

  it('every role has a label in both languages', () => {
    for (const lang of LANGUAGES) for (const role of ROLES) expect(translate(lang, `auth:role.${role}`)).not.toBe(`auth:role.${role}`);
    expect(translate('zh-CN', 'auth:role.seeker')).toBe('求职者');
  });

  it('fills {{placeholders}}, falls back to zh-CN, then to the key', () => {
    expect(translate('en', 'auth:login.resendIn', { seconds: 42 })).toBe('Resend in 42s');
    expect(translate('zh-CN', 'auth:login.resendIn', { seconds: 42 })).toBe('42 秒后重发');
    expect(translate('en', 'auth:login.resendIn')).toBe('Resend in {{seconds}}s');
    expect(translate('en', 'auth:no.such')).toBe('auth:no.such');
  });
});
