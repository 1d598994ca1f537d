// docs/urls.md names the addresses that leave the system (printed QR codes, public job pages) and
// the API routes and pages behind them. Printed addresses can never be called back, so the document
// must say what the code does: every address it names is answered by a route (the server's API and
// pages, the phone shell's routes in src/mobile, the desks' roots in src/web), and every address
// the server renders under /m/ or links to from a public page is named in it.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RouteOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HOME_OF } from '../../src/web/auth/roles.ts';
import { ManualClock } from '../../src/server/platform/clock.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { unique } from '../helpers/factories.ts';

const ROOT = join(import.meta.dirname, '../..');
const DOC = readFileSync(join(ROOT, 'docs/urls.md'), 'utf8');

const routes: RouteOptions[] = [];
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ clock: new ManualClock('2025-03-10T02:00:00Z'), onRoute: (r) => routes.push(r) });
});
afterAll(() => t.close());

/** A path with its parameters made alike: `/m/v/{venueCode}`, `/m/v/:code` → `/m/v/*`. */
const shape = (path: string) => path.replace(/\{[^}]+\}|:[A-Za-z]\w*/g, '*').replace(/\/$/, '') || '/';

/** Every address the document names in backticks: `METHOD /path`, `/path` or `https://{HOST}/path` (examples with a real host left out). */
function namedInDoc(): Array<{ method: string; path: string }> {
  const out: Array<{ method: string; path: string }> = [];
  for (const m of DOC.matchAll(/`(?:(GET|POST|PUT|PATCH|DELETE) )?(?:https:\/\/\{HOST\})?(\/[^`\s?]+)(?:\?[^`]*)?`/g)) {
    const path = m[2] as string;
    if (path.includes('…') || path.startsWith('/etc/') || /\.(?:md|ts)$/.test(path)) continue;
    out.push({ method: m[1] ?? 'GET', path });
  }
  return out;
}

/** The phone shell's routes below /m/, read from its sources: `path="/x"`, `path={X_PATH}`, `path={`${X_PATH}/:id`}` with the `X_PATH = '/x'` constants. */
function phoneShellRoutes(): string[] {
  const dir = join(ROOT, 'src/mobile');
  const files: string[] = [];
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) walk(join(d, e.name));
      else if (/\.tsx?$/.test(e.name) && !e.name.endsWith('.test.ts')) files.push(readFileSync(join(d, e.name), 'utf8'));
    }
  };
  walk(dir);
  const consts = new Map<string, string>();
  for (const src of files) for (const m of src.matchAll(/export const (\w+_PATH) = '([^']+)'/g)) consts.set(m[1] as string, m[2] as string);
  const paths: string[] = [];
  const app = readFileSync(join(dir, 'App.tsx'), 'utf8');
  const sources = [app, ...files.filter((f) => /<Route key=/.test(f))];
  for (const src of sources) {
    for (const m of src.matchAll(/<Route[^>]*?\bpath=(?:"([^"]+)"|\{(\w+)\}|\{`([^`]+)`\})/g)) {
      if (m[1]) paths.push(m[1]);
      else if (m[2]) paths.push(consts.get(m[2]) ?? `?${m[2]}`);
      else if (m[3]) paths.push(m[3].replace(/\$\{(\w+)\}/g, (_, k: string) => consts.get(k) ?? `?${k}`));
    }
  }
  // below wouter's base (/m)
  return paths.map((p) => `/m${p === '/' ? '/' : p}`);
}

describe('docs/urls.md and the routes', () => {
  it('reads the phone shell\'s routes (the reader of this test works)', () => {
    const shell = phoneShellRoutes();
    expect(shell).toEqual(expect.arrayContaining(['/m/', '/m/login', '/m/v/:code', '/m/jobs', '/m/apply/:id', '/m/bookings/venues/:id']));
    expect(shell.filter((p) => p.includes('?'))).toEqual([]);
  });

  it('every address the document names is answered: an API route, a page the server renders, a phone shell route or a desk', () => {
    const server = new Set(routes.flatMap((r) => (Array.isArray(r.method) ? r.method : [r.method]).map((m) => `${m} ${shape(r.url)}`)));
    const shell = new Set(phoneShellRoutes().map(shape));
    const desks = new Set(Object.values(HOME_OF));
    const named = namedInDoc();
    expect(named.length).toBeGreaterThan(10);
    const unanswered = named.filter(({ method, path }) => {
      if (server.has(`${method} ${shape(path)}`)) return false;
      if (method === 'GET' && path.startsWith('/m/') && shell.has(shape(path))) return false;
      if (method === 'GET' && desks.has(path)) return false;
      // the service worker is a file of the phone shell's build (vite.mobile.config.ts)
      if (path === '/m/sw.js') return !/filename: 'sw\.js'/.test(readFileSync(join(ROOT, 'vite.mobile.config.ts'), 'utf8'));
      return true;
    });
    expect(unanswered).toEqual([]);
  });

  it('every page the server renders under /m/, and every address a public job page links to, is named in the document', async () => {
    const documented = new Set(namedInDoc().map((n) => `${n.method} ${shape(n.path)}`));
    const rendered = routes.filter((r) => r.url.startsWith('/m/')).flatMap((r) => (Array.isArray(r.method) ? r.method : [r.method]).filter((m) => m !== 'HEAD').map((m) => `${m} ${shape(r.url)}`));
    expect(rendered.length).toBeGreaterThan(0);
    expect(rendered.filter((r) => !documented.has(r))).toEqual([]);

    // an open posting's page, as a crawler or a WeChat share sees it
    const employer = await t.login('employer-km');
    const created = await t.send('POST', '/api/v1/postings', { title: `理货员${unique()}`, validUntil: '2025-03-31' }, employer);
    expect(created.statusCode, created.body).toBe(201);
    const published = await t.send('POST', `/api/v1/postings/${created.json().id}/publish`, undefined, employer);
    expect(published.statusCode, published.body).toBe(200);
    const { code, id } = published.json() as { code: string; id: number };
    const page = await t.get(`/m/jobs/${code}`);
    expect(page.statusCode).toBe(200);
    const links = [...page.body.matchAll(/href="([^"]+)"/g)].map((m) => (m[1] as string).replace(/^https?:\/\/[^/]+/, ''));
    expect(links).toEqual(expect.arrayContaining([`/m/jobs/${code}`, `/m/jobs/${code}/report`, `/m/apply/${id}`]));
    const undocumented = links.map((l) => l.replaceAll(code, '{code}').replace(new RegExp(`/${id}$`), '/{id}')).filter((l) => !documented.has(`GET ${shape(l)}`));
    expect(undocumented).toEqual([]);
  });
});
