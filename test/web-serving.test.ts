// How the web UI and the API go over the wire: precompressed bundles chosen by Accept-Encoding,
// long-lived caching for hashed assets only, the phone shell's fallback under /m/, JSON answers
// compressed above the threshold, and personal data still never cached.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../src/server/app.ts';
import { COMPRESS_THRESHOLD } from '../src/server/http/compression.ts';
import { createTestApp, type TestApp } from './helpers/app.ts';

/** Public and over the threshold: the province's prefectures. */
const LIST = '/api/v1/divisions?parent=530000';
const ASSET = '/assets/index-AbC123xy.js';
const MOBILE_ASSET = '/m/assets/index-Zz9Yy8Xx.js';
const ASSET_TEXT = `console.log(${JSON.stringify('云桥 '.repeat(800))});\n`;

/** A built UI in miniature, as `npm run build:web` lays it out: each file with its .br and .gz beside it. */
function webRoot(): string {
  const root = mkdtempSync(join(tmpdir(), 'yq-web-'));
  const files: Record<string, string> = {
    '/index.html': '<!doctype html><title>desk</title><div id="root"></div>',
    [ASSET]: ASSET_TEXT,
    '/m/index.html': '<!doctype html><title>phone</title><div id="root"></div>',
    [MOBILE_ASSET]: `/* phone */${ASSET_TEXT}`,
  };
  for (const [path, text] of Object.entries(files)) {
    const file = join(root, path);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, text);
    writeFileSync(`${file}.br`, brotliCompressSync(text));
    writeFileSync(`${file}.gz`, gzipSync(text));
  }
  return root;
}

let t: TestApp;
let web: FastifyInstance;
beforeAll(async () => {
  t = await createTestApp();
  web = await buildApp(t.deps, { serveWeb: true, webRoot: webRoot(), logger: false });
});
afterAll(async () => {
  await web?.close();
  await t?.close();
});

const get = (url: string, headers: Record<string, string> = {}) => web.inject({ method: 'GET', url, headers });

describe('static assets are served precompressed', () => {
  it('an asset asked for with Accept-Encoding br comes as the .br file, cached for a year', async () => {
    const res = await get(ASSET, { 'accept-encoding': 'gzip, deflate, br' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.headers['content-type']).toMatch(/javascript/);
    expect(res.headers.vary).toMatch(/accept-encoding/i);
    expect(brotliDecompressSync(res.rawPayload).toString()).toBe(ASSET_TEXT);
    expect(res.rawPayload.length).toBeLessThan(Buffer.byteLength(ASSET_TEXT) / 4);
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  it('gzip when the client has no brotli, the plain file when it asks for neither', async () => {
    const gz = await get(ASSET, { 'accept-encoding': 'gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.rawPayload).toString()).toBe(ASSET_TEXT);
    const plain = await get(ASSET);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body).toBe(ASSET_TEXT);
  });

  it('index.html is re-checked on every load (no-cache), compressed too', async () => {
    const res = await get('/', { 'accept-encoding': 'br' });
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.headers['cache-control']).toBe('no-cache');
    expect(brotliDecompressSync(res.rawPayload).toString()).toContain('<title>desk</title>');
    const deep = await get('/gov/agencies?x=1', { 'accept-encoding': 'br' });
    expect(deep.headers['cache-control']).toBe('no-cache');
    expect(brotliDecompressSync(deep.rawPayload).toString()).toContain('<title>desk</title>');
  });
});

describe('the phone shell under /m/', () => {
  it('any path below /m/ answers the phone shell index.html; /m redirects to /m/', async () => {
    for (const url of ['/m/', '/m/login', '/m/v/K7Q2M9XPT4CA', '/m/jobs/3W8RZK5N2D?from=singlemessage']) {
      const res = await get(url, { 'accept-encoding': 'gzip' });
      expect(res.statusCode, url).toBe(200);
      expect(res.headers['cache-control'], url).toBe('no-cache');
      expect(gunzipSync(res.rawPayload).toString(), url).toContain('<title>phone</title>');
    }
    const bare = await get('/m?lang=en');
    expect(bare.statusCode).toBe(301);
    expect(bare.headers.location).toBe('/m/?lang=en');
    // a path that merely starts with "m" is the desks'
    expect((await get('/mobile-help')).body).toContain('<title>desk</title>');
  });

  it('its hashed assets are precompressed and immutable like the desks\'', async () => {
    const res = await get(MOBILE_ASSET, { 'accept-encoding': 'br' });
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });
});

describe('JSON answers are compressed above the threshold', () => {
  it('a large list comes brotli- or gzip-compressed; a small answer as it is', async () => {
    const plain = await get(LIST);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.rawPayload.length).toBeGreaterThan(COMPRESS_THRESHOLD);

    const br = await get(LIST, { 'accept-encoding': 'gzip, br' });
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers.vary).toMatch(/accept-encoding/i);
    expect(JSON.parse(brotliDecompressSync(br.rawPayload).toString())).toEqual(plain.json());
    expect(br.rawPayload.length).toBeLessThan(plain.rawPayload.length / 2);

    const gz = await get(LIST, { 'accept-encoding': 'gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(JSON.parse(gunzipSync(gz.rawPayload).toString())).toEqual(plain.json());

    const health = await get('/healthz', { 'accept-encoding': 'br' });
    expect(health.headers['content-encoding']).toBeUndefined();
  });

  it('a signed-in answer, compressed or not, keeps Cache-Control: no-store', async () => {
    const login = await web.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      headers: { 'content-type': 'application/json', 'x-requested-with': 'test' },
      payload: JSON.stringify({ username: 'prov', password: 'yunqiao-demo-2020' }),
    });
    const sid = login.cookies.find((c) => c.name === 'yq_sid');
    expect(sid).toBeDefined();
    const cookie = `yq_sid=${sid?.value}`;
    const me = await get('/api/v1/me', { cookie, 'accept-encoding': 'br' });
    expect(me.statusCode).toBe(200);
    expect(me.rawPayload.length).toBeLessThan(COMPRESS_THRESHOLD);
    expect(me.headers['content-encoding']).toBeUndefined();
    expect(me.headers['cache-control']).toBe('no-store');
    const big = await get(LIST, { cookie, 'accept-encoding': 'br' });
    expect(big.headers['content-encoding']).toBe('br');
    expect(big.headers['cache-control']).toBe('no-store');
  });
});

describe('a file that is not there is a 404, never a shell\'s index.html', () => {
  it('a missing hashed bundle (an old page after a deploy) answers 404 under /assets/ and /m/assets/', async () => {
    for (const url of ['/assets/index-deadbeef.js', '/assets/index-deadbeef.css', '/m/assets/x.js', '/m/assets/chunk-OLD.js?v=1', '/assets/fonts/missing']) {
      const res = await get(url, { 'accept-encoding': 'br' });
      expect(res.statusCode, url).toBe(404);
      expect(res.headers['content-type'], url).toMatch(/application\/json/);
      expect(res.json(), url).toEqual({ error: { code: 'not_found', message: '未找到该记录' } });
      expect(res.headers['cache-control'], url).toBe('no-cache'); // not kept by a proxy as missing
    }
  });

  it('a missing file elsewhere (an icon, a service worker) is 404 too; navigation paths still get their shell', async () => {
    for (const url of ['/favicon.ico', '/m/sw.js', '/robots.txt', '/gov/app.js.map']) expect((await get(url)).statusCode, url).toBe(404);
    for (const [url, title] of [
      ['/gov/agencies', 'desk'],
      ['/agency/staff?page=2', 'desk'],
      ['/m/jobs/3W8RZK5N2D', 'phone'],
      ['/m/jobs/3W8RZK5N2D.', 'phone'], // a printed link copied with the sentence's full stop
      ['/m/v/K7Q2-M9XP-T4CA', 'phone'],
    ] as const) {
      const res = await get(url);
      expect(res.statusCode, url).toBe(200);
      expect(res.body, url).toContain(`<title>${title}</title>`);
    }
    // the files that are there are served as before
    expect((await get(ASSET)).statusCode).toBe(200);
    expect((await get(MOBILE_ASSET)).statusCode).toBe(200);
  });
});

describe('an API path with a trailing slash is the path without it', () => {
  it('reads answer the same, signed in or not; the shells keep their own rule (/m redirects)', async () => {
    const prov = await t.login('prov');
    const plain = await get('/api/v1/agencies?limit=5', { cookie: prov });
    expect(plain.statusCode).toBe(200);
    const slash = await get('/api/v1/agencies/?limit=5', { cookie: prov });
    expect(slash.statusCode).toBe(200);
    expect(slash.json()).toEqual(plain.json());
    expect(slash.headers['cache-control']).toBe('no-store');
    expect((await get('/api/v1/divisions/?parent=530000')).json()).toEqual((await get('/api/v1/divisions?parent=530000')).json());
    // anonymous: refused as without the slash, not a 404
    const anon = await get('/api/v1/agencies/');
    expect([anon.statusCode, anon.json().error.code]).toEqual([401, 'unauthenticated']);
    expect((await get('/api/v1/no-such-route/')).statusCode).toBe(404);
    expect((await get('/m?lang=en')).statusCode).toBe(301);
  });

  it('every check decided on the matched route applies: X-Requested-With, access, and the refusal audit', async () => {
    const agencyWh = await t.login('agency-wh');
    const noHeader = await web.inject({ method: 'POST', url: '/api/v1/agencies/', headers: { cookie: agencyWh, 'content-type': 'application/json' }, payload: '{}' });
    expect([noHeader.statusCode, noHeader.json().error.code]).toEqual([403, 'csrf_header_missing']);
    const refused = await web.inject({ method: 'POST', url: '/api/v1/agencies/', headers: { cookie: agencyWh, 'content-type': 'application/json', 'x-requested-with': 'test' }, payload: '{}' });
    expect(refused.statusCode).toBe(403);
    expect(refused.json().error.code).toBe('forbidden');
    // refusals are written after the answer goes out: wait for the row
    const read = () => t.deps.db.selectFrom('audit_log').select(['action', 'outcome', 'target_id', 'actor_username']).where('request_id', '=', refused.headers['x-request-id'] as string).execute();
    let audited = await read();
    for (let i = 0; i < 50 && !audited.length; i++) {
      await new Promise((r) => setTimeout(r, 50));
      audited = await read();
    }
    expect(audited).toEqual([{ action: 'http.post', outcome: 'denied', target_id: '/api/v1/agencies', actor_username: 'agency-wh' }]);
  });
});
