// The desks' route table: every page is found again from its own URL (deskPageAt, react-router's
// matcher, as <Routes> mounts the table), and preloading a page gives its module — the same import
// React.lazy renders, once, tried again after a failure.
import { describe, expect, it } from 'vitest';
import type { Desk } from './auth/roles.ts';
import { DESKS, type DeskPage, deskPageAt, lazyPage, preloadDeskPage } from './routes.tsx';

/** A stand-in page for lazyPage's own checks. */
const Blank = () => null;

const ENTRIES: { desk: Desk; page: DeskPage; url: string }[] = (Object.keys(DESKS) as Desk[]).flatMap((desk) =>
  DESKS[desk].pages.map((page) => ({
    desk,
    page,
    // a parameter stands for an id
    url: page.path ? `${DESKS[desk].root}/${page.path.replace(/:[^/]+/g, '42')}` : DESKS[desk].root,
  })),
);

describe('deskPageAt', () => {
  it('finds every page of every desk at its own URL', () => {
    expect(ENTRIES.length).toBeGreaterThan(30);
    const wrong = ENTRIES.filter(({ desk, page, url }) => {
      const at = deskPageAt(url);
      return at?.desk !== desk || at.page !== page;
    }).map((e) => e.url);
    expect(wrong).toEqual([]);
  });

  it('reads a path with a query, a hash or a trailing slash', () => {
    const agencies = DESKS.official.pages.find((p) => p.path === 'agencies');
    expect(deskPageAt('/gov/agencies?q=昆明&status=active')?.page).toBe(agencies);
    expect(deskPageAt('/gov/agencies#top')?.page).toBe(agencies);
    expect(deskPageAt('/gov/agencies/')?.page).toBe(agencies);
    expect(deskPageAt('/gov/')).toEqual({ desk: 'official', page: DESKS.official.pages[0] });
  });

  it('ranks a fixed segment over a parameter, as <Routes> does', () => {
    expect(deskPageAt('/gov/agencies/new')?.page.path).toBe('agencies/new');
    expect(deskPageAt('/gov/agencies/17')?.page.path).toBe('agencies/:id');
    expect(deskPageAt('/agency/postings/new')).toMatchObject({ desk: 'agency', page: { path: 'postings/new' } });
    expect(deskPageAt('/home/postings/9')).toMatchObject({ desk: 'self', page: { path: 'postings/:id' } });
  });

  it('finds nothing outside the desks', () => {
    for (const url of ['/', '/login', '/choose', '/password', '/gov/nope', '/gov/agencies/1/2', '/govx', '/agencyx/staff', '/m/jobs', '']) {
      expect(deskPageAt(url), url).toBeUndefined();
    }
  });
});

describe('preload', () => {
  it("gives every page's module, the component its default export", { timeout: 120_000 }, async () => {
    const pages = [...new Set(ENTRIES.map((e) => e.page.page))];
    const modules = await Promise.all(pages.map((p) => p.preload()));
    for (const m of modules) expect(typeof m.default).toBe('function');
    // the same import each time, already settled
    expect(pages[0]?.preload()).toBe(pages[0]?.preload());
  });

  it('preloadDeskPage loads the page at a URL and settles quietly on any other', async () => {
    const form = deskPageAt('/home/postings/new')?.page.page;
    await expect(preloadDeskPage('/home/postings/new?copy=3')).resolves.toBeUndefined();
    expect(typeof (await form?.preload())?.default).toBe('function');
    await expect(preloadDeskPage('/login')).resolves.toBeUndefined();
  });

  it('imports once, and again after a failure', async () => {
    let calls = 0;
    const page = lazyPage(async () => {
      calls += 1;
      if (calls === 1) throw new Error('network down');
      return { default: Blank };
    });
    await expect(page.preload()).rejects.toThrow('network down');
    expect((await page.preload()).default).toBe(Blank);
    await page.preload();
    expect(calls).toBe(2);
  });
});
