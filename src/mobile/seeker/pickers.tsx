// Light pickers for the seeker pages: a county (prefecture, then county, from GET /divisions) and an
// occupation (down the occupation table's levels, from GET /code-tables/occupations), both as
// native <select>s — the phone's own wheel, no picker component in the bundle. A chosen code's name
// is looked up once and kept, so saved codes read as names.
import { useEffect, useState } from 'react';
import { api, unwrap } from '../api.ts';
import { useT } from '../i18n/index.ts';

export type Option = { code: string; name: string };

const cache = new Map<string, Promise<Option[]>>();

/** Counties and prefectures under `parent` (a 2- or 4-digit prefix; the province's prefectures for its 2 digits). */
export function divisionsUnder(parent: string): Promise<Option[]> {
  const key = `d:${parent}`;
  let p = cache.get(key);
  if (!p) {
    p = unwrap(api.GET('/api/v1/divisions', { params: { query: { parent } } })).then((r) => r.items.map((d) => ({ code: d.code, name: d.name })));
    p.catch(() => cache.delete(key));
    cache.set(key, p);
  }
  return p;
}

/** Occupations under `parent` (the major groups without it). */
export function occupationsUnder(parent?: string): Promise<Option[]> {
  const key = `o:${parent ?? ''}`;
  let p = cache.get(key);
  if (!p) {
    p = unwrap(api.GET('/api/v1/code-tables/occupations', { params: { query: parent ? { parent } : {} } })).then((r) => r.items.map((o) => ({ code: o.code, name: o.name })));
    p.catch(() => cache.delete(key));
    cache.set(key, p);
  }
  return p;
}

/** The province's two digits: the divisions list without a parent names the province. */
export async function provincePrefix(): Promise<string> {
  const key = 'd:';
  let p = cache.get(key);
  if (!p) {
    p = unwrap(api.GET('/api/v1/divisions', {})).then((r) => r.items.map((d) => ({ code: d.code, name: d.name })));
    cache.set(key, p);
  }
  return ((await p)[0]?.code ?? '530000').slice(0, 2);
}

/** The name of a county code (its prefecture's list is fetched and kept). */
export async function countyName(code: string): Promise<string> {
  const list = await divisionsUnder(code.slice(0, 4));
  return list.find((d) => d.code === code)?.name ?? code;
}

/** The name of a prefecture's 4 digits or a county's 6 (the province's prefectures, or the county's, fetched and kept). */
export async function placeName(code: string): Promise<string> {
  if (code.length === 6) return countyName(code);
  const list = await divisionsUnder(await provincePrefix());
  return list.find((d) => d.code.startsWith(code))?.name ?? code;
}

/** The name of an occupation code (its parent's list is fetched: '2-02-01' lives under '2-02'). */
export async function occupationName(code: string): Promise<string> {
  const parent = code.includes('-') ? code.slice(0, code.lastIndexOf('-')) : undefined;
  const list = await occupationsUnder(parent);
  return list.find((o) => o.code === code)?.name ?? code;
}

/** A code's name once known (the code itself until then). */
export function useName(code: string, lookup: (code: string) => Promise<string>): string {
  const [name, setName] = useState(code);
  useEffect(() => {
    let live = true;
    lookup(code).then((n) => live && setName(n), () => {});
    return () => {
      live = false;
    };
  }, [code, lookup]);
  return name;
}

// width 100% and minWidth 0: a long option (the occupation table's names) must not widen the page
const selectStyle = { flex: 1, width: '100%', minWidth: 0, fontSize: 15, padding: '6px 4px', border: '1px solid #d9d9d9', borderRadius: 6, background: '#fff' } as const;

function Select({ id, testId, label, value, options, onChange }: { id?: string; testId: string; label: string; value: string; options: Option[]; onChange: (v: string) => void }) {
  const { t } = useT();
  return (
    <select id={id} data-testid={testId} aria-label={label} value={value} onChange={(e) => onChange(e.target.value)} style={selectStyle}>
      <option value="">{t('seeker:picker.choose')}</option>
      {options.map((o) => (
        <option key={o.code} value={o.code}>
          {o.name}
        </option>
      ))}
    </select>
  );
}

/**
 * A county: prefecture, then county. `value` a 6-digit county code or ''; `onChange('')` when the
 * prefecture changes (the county must be chosen again), `onPrefecture` with its 4 digits ('' for none).
 * `prefecture`: the 4 digits shown at first while `value` is '' (a prefecture chosen alone before).
 */
export function CountyPicker({ id, testId, value, prefecture: initialPrefecture = '', onChange, onPrefecture }: { id?: string; testId: string; value: string; prefecture?: string; onChange: (code: string) => void; onPrefecture?: (prefix: string) => void }) {
  const { t } = useT();
  const [prefectures, setPrefectures] = useState<Option[]>([]);
  const [prefecture, setPrefecture] = useState(value ? value.slice(0, 4) : initialPrefecture);
  const [counties, setCounties] = useState<Option[]>([]);

  useEffect(() => {
    provincePrefix()
      .then(divisionsUnder)
      .then(setPrefectures, () => {});
  }, []);
  useEffect(() => {
    if (value) setPrefecture(value.slice(0, 4));
  }, [value]);
  useEffect(() => {
    if (!prefecture) return setCounties([]);
    divisionsUnder(prefecture).then(setCounties, () => {});
  }, [prefecture]);

  return (
    <div style={{ display: 'flex', gap: 8 }}>
      <Select
        id={id}
        testId={`${testId}-prefecture`}
        label={t('seeker:picker.prefecture')}
        value={prefecture}
        options={prefectures.map((p) => ({ ...p, code: p.code.slice(0, 4) }))}
        onChange={(v) => {
          setPrefecture(v);
          onPrefecture?.(v);
          onChange('');
        }}
      />
      <Select testId={`${testId}-county`} label={t('seeker:picker.county')} value={value} options={counties} onChange={onChange} />
    </div>
  );
}

/**
 * An occupation, chosen down the table's levels (大类 → 中类 → 小类 → 细类); `onChange` gets the
 * deepest code chosen so far ('' while none), so a coarser code may be kept too.
 */
export function OccupationPicker({ testId, onChange }: { testId: string; onChange: (code: string) => void }) {
  const { t } = useT();
  // the chosen code at each level, and the options of each level
  const [path, setPath] = useState<string[]>([]);
  const [levels, setLevels] = useState<Option[][]>([]);

  useEffect(() => {
    occupationsUnder().then((o) => setLevels([o]), () => {});
  }, []);

  function choose(level: number, code: string) {
    const next = [...path.slice(0, level), ...(code ? [code] : [])];
    setPath(next);
    setLevels((ls) => ls.slice(0, level + 1));
    onChange(next[next.length - 1] ?? '');
    if (code)
      occupationsUnder(code).then(
        (o) => o.length && setLevels((ls) => (ls.length === level + 1 ? [...ls, o] : ls)),
        () => {},
      );
  }

  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 6 }}>
      {levels.map((options, i) => (
        <Select key={path.slice(0, i).join('/') || 'top'} testId={`${testId}-${i}`} label={t('seeker:picker.level', { level: i + 1 })} value={path[i] ?? ''} options={options} onChange={(v) => choose(i, v)} />
      ))}
    </div>
  );
}
