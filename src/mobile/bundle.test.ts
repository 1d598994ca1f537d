// The phone shell's bundle stays light: built here (vite.mobile.config.ts, nothing written), every
// module that reaches the output is listed, and none may come from antd, @ant-design/icons or the
// antd-mobile barrel (es/index.js, which pulls in every component). The whole first load — the
// entry chunk, what it imports statically, its CSS and index.html — must fit the 150 KiB budget
// once brotli-compressed, leaving room for the request headers Lighthouse counts too.
import { join } from 'node:path';
import { brotliCompressSync } from 'node:zlib';
import { build, type Rollup } from 'vite';
import { beforeAll, describe, expect, it } from 'vitest';

const ROOT = join(import.meta.dirname, '../..');
/** bench/pages.bench.ts's target is 153,600 bytes as Lighthouse counts them (bodies plus headers). */
const FIRST_LOAD_BUDGET = 140 * 1024;

let output: (Rollup.OutputChunk | Rollup.OutputAsset)[] = [];

beforeAll(async () => {
  // vite takes NODE_ENV from the environment, and vitest sets it to 'test': build what ships
  const nodeEnv = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  // nothing is written, so the service worker (which precaches the written files) is left out;
  // it is built and tested in the browser suites (test/e2e/phone-prevention.e2e.test.ts)
  process.env.YUNQIAO_MOBILE_SW = 'off';
  let result: Awaited<ReturnType<typeof build>>;
  try {
    result = await build({
      configFile: join(ROOT, 'vite.mobile.config.ts'),
      mode: 'production',
      logLevel: 'silent',
      build: { write: false, emptyOutDir: false },
    });
  } finally {
    process.env.NODE_ENV = nodeEnv;
    delete process.env.YUNQIAO_MOBILE_SW;
  }
  const outputs = (Array.isArray(result) ? result : [result]) as Rollup.RollupOutput[];
  output = outputs.flatMap((o) => o.output);
}, 120_000);

const chunks = () => output.filter((o): o is Rollup.OutputChunk => o.type === 'chunk');
const modules = () => chunks().flatMap((c) => c.moduleIds.map((id) => id.replaceAll('\\', '/')));

/** Every file `name` loads, statically imported chunks and their CSS, added to `into`. */
function reach(name: string, into: Set<string>): Set<string> {
  const byName = new Map(output.map((o) => [o.fileName, o]));
  const visit = (n: string) => {
    if (into.has(n)) return;
    into.add(n);
    const o = byName.get(n);
    if (o?.type === 'chunk') {
      for (const i of o.imports) visit(i);
      for (const css of o.viteMetadata?.importedCss ?? []) into.add(css);
    }
  };
  visit(name);
  return into;
}

/** The first load: index.html, the entry chunk and everything it imports statically. */
function firstLoad(): Set<string> {
  const entry = chunks().find((c) => c.isEntry);
  expect(entry).toBeDefined();
  return reach(entry?.fileName ?? '', new Set(['index.html']));
}

const compressed = new Map<string, number>();

/** Brotli-compressed bytes of the files named (each compressed once). */
function weight(names: Set<string>): number {
  const byName = new Map(output.map((o) => [o.fileName, o]));
  return [...names]
    .map((name) => {
      const known = compressed.get(name);
      if (known !== undefined) return known;
      const o = byName.get(name);
      const body = o?.type === 'chunk' ? o.code : o?.source;
      expect(body, name).toBeDefined();
      const size = brotliCompressSync(Buffer.from(body ?? '')).length;
      compressed.set(name, size);
      return size;
    })
    .reduce((a, b) => a + b, 0);
}

describe('the phone shell bundle', () => {
  it('is built from antd-mobile components, not from antd, its icons or the antd-mobile barrel', () => {
    const all = modules();
    expect(all.some((id) => id.includes('/node_modules/antd-mobile/es/components/button/'))).toBe(true);
    expect(all.filter((id) => /\/node_modules\/antd\//.test(id))).toEqual([]);
    expect(all.filter((id) => /\/node_modules\/@ant-design\//.test(id))).toEqual([]);
    expect(all.filter((id) => /\/node_modules\/antd-mobile\/es\/index\.js$/.test(id))).toEqual([]);
    // the desks' router, data layer and i18n stay with the desks
    expect(all.filter((id) => /\/node_modules\/(react-router|@tanstack|i18next|react-i18next)\//.test(id))).toEqual([]);
    // React's production build (a development build is twice the size)
    expect(all.some((id) => id.endsWith('/react-dom/cjs/react-dom-client.production.js'))).toBe(true);
    expect(all.filter((id) => /\.development\.js$/.test(id))).toEqual([]);
    // and nothing of the desks' own code
    expect(all.filter((id) => id.includes('/src/web/'))).toEqual([]);
  });

  it('loads its first page within the budget, brotli-compressed', () => {
    const total = weight(firstLoad());
    expect(total).toBeGreaterThan(10_000); // React alone is more: the walk found the chunks
    expect(total).toBeLessThanOrEqual(FIRST_LOAD_BUDGET);
  });

  it('loads each lazily loaded page (first load plus its own chunks) within the same budget', () => {
    const first = firstLoad();
    const pages = chunks().filter((c) => c.isDynamicEntry && /\/src\/mobile\/pages\//.test(c.facadeModuleId ?? ''));
    const names = pages.map((c) => (c.facadeModuleId ?? '').split('/').pop());
    // the job seeker's pages of issues 9, 12 and 13 (我的面试) are among them, each a chunk of its own
    expect(names).toEqual(expect.arrayContaining(['SignupPage.tsx', 'JobsPage.tsx', 'ProfilePage.tsx', 'AgenciesPage.tsx', 'RecommendedPage.tsx', 'AlertsPage.tsx', 'CheckinPage.tsx', 'InterviewsPage.tsx']));
    for (const page of pages) {
      const all = reach(page.fileName, new Set(first));
      expect(all.size, page.fileName).toBeGreaterThan(first.size);
      expect(weight(all), page.fileName).toBeLessThanOrEqual(FIRST_LOAD_BUDGET);
    }
  });
});
