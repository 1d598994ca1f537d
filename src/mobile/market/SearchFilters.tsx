// 找工作's filters (issue 10): a bar of four buttons — 地区, 薪资, 筛选 (education, posted within,
// open to, priority employer) and the order — each opening its panel inline under the bar. No
// Popup or Dropdown: their animation and gesture libraries would add about 25 KB (brotli) to the
// page, a sixth of the phone budget; Selector and the shell's native selects add about 2 KB. A
// panel edits a draft of its own filters; 确定 applies it (a new URL, so a new search), 清除
// applies it empty; the order applies on the tap.
import Button from 'antd-mobile/es/components/button';
import Input from 'antd-mobile/es/components/input';
import Selector from 'antd-mobile/es/components/selector';
import { type ReactNode, useState } from 'react';
import { useT } from '../i18n/index.ts';
import { CountyPicker, placeName, useName } from '../seeker/pickers.tsx';
import { moreCount, type SearchState, salaryRange, writeSearch } from './search-url.ts';

type Panel = 'place' | 'salary' | 'more' | 'sort';
type Apply = (change: Partial<SearchState>) => void;

const UNITS = ['MONTH', 'DAY', 'HOUR', 'PIECE'] as const;
/**
 * Education as postings write it (the API matches the posting's text exactly): the words most
 * postings use, 学历不限 standing for postings that ask for none.
 */
const EDUCATIONS = [
  { value: '不限', key: 'none' },
  { value: '初中', key: 'juniorHigh' },
  { value: '高中', key: 'seniorHigh' },
  { value: '中专', key: 'vocational' },
  { value: '大专', key: 'college' },
  { value: '本科', key: 'bachelor' },
] as const;
const POSTED_WITHIN = ['3', '7', '30'] as const;
const OPEN_TO = ['migrant', 'graduate'] as const;

/** One choice (or none: a second tap clears it) among `options`, as antd-mobile's Selector. */
function Choice({ testId, label, value, options, columns = 3, onChange }: { testId: string; label: string; value: string; options: { label: string; value: string }[]; columns?: number; onChange: (v: string) => void }) {
  return (
    <fieldset data-testid={testId} style={{ border: 0, margin: '0 0 12px', padding: 0 }}>
      <legend style={{ fontSize: 14, color: '#595959', marginBottom: 6, padding: 0 }}>{label}</legend>
      <Selector columns={columns} options={options} value={value ? [value] : []} onChange={(v) => onChange(v[0] ?? '')} style={{ '--padding': '8px 4px' }} />
    </fieldset>
  );
}

function PanelFrame({ testId, onClear, onOk, children }: { testId: string; onClear?: () => void; onOk?: () => void; children: ReactNode }) {
  const { t } = useT();
  return (
    <section data-testid={testId} style={{ background: '#fff', padding: '12px 16px 16px', borderBottom: '1px solid #f0f0f0', boxShadow: '0 6px 12px rgba(0,0,0,.06)' }}>
      {children}
      {onOk && (
        <div style={{ display: 'flex', gap: 12, marginTop: 4 }}>
          <Button block data-testid="filter-clear" onClick={onClear}>
            {t('jobs:filter.clear')}
          </Button>
          <Button block color="primary" data-testid="filter-ok" onClick={onOk}>
            {t('jobs:filter.ok')}
          </Button>
        </div>
      )}
    </section>
  );
}

function PlacePanel({ value, apply }: { value: SearchState; apply: Apply }) {
  const [county, setCounty] = useState(value.division.length === 6 ? value.division : '');
  const [prefecture, setPrefecture] = useState(value.division.slice(0, 4));
  return (
    <PanelFrame testId="filter-place-panel" onClear={() => apply({ division: '' })} onOk={() => apply({ division: county || prefecture })}>
      <div style={{ marginBottom: 12 }}>
        <CountyPicker testId="jobs-place" value={county} prefecture={prefecture} onChange={setCounty} onPrefecture={setPrefecture} />
      </div>
    </PanelFrame>
  );
}

function SalaryPanel({ value, apply }: { value: SearchState; apply: Apply }) {
  const { t } = useT();
  const [unit, setUnit] = useState(value.salaryUnit);
  const [min, setMin] = useState(value.salaryMin);
  const [max, setMax] = useState(value.salaryMax);
  function ok() {
    let [lo, hi] = [min.trim(), max.trim()];
    // 6000 to 4000 means 4000 to 6000
    if (lo && hi && Number(lo) > Number(hi)) [lo, hi] = [hi, lo];
    apply({ salaryMin: lo, salaryMax: hi, salaryUnit: unit || (lo || hi ? 'MONTH' : '') });
  }
  const box = { flex: 1, border: '1px solid #d9d9d9', borderRadius: 6, padding: '6px 8px' } as const;
  return (
    <PanelFrame testId="filter-salary-panel" onClear={() => apply({ salaryMin: '', salaryMax: '', salaryUnit: '' })} onOk={ok}>
      <Choice testId="filter-unit" label={t('jobs:salaryFilter.unit')} value={unit || (min || max ? 'MONTH' : '')} columns={4} options={UNITS.map((u) => ({ label: t(`jobs:per.${u}`), value: u }))} onChange={setUnit} />
      <div style={{ display: 'flex', alignItems: 'center', gap: 8, marginBottom: 6 }}>
        <div style={box}>
          <Input data-testid="filter-salary-min" aria-label={t('jobs:salaryFilter.min')} placeholder={t('jobs:salaryFilter.min')} type="number" inputMode="numeric" value={min} onChange={setMin} />
        </div>
        <span>–</span>
        <div style={box}>
          <Input data-testid="filter-salary-max" aria-label={t('jobs:salaryFilter.max')} placeholder={t('jobs:salaryFilter.max')} type="number" inputMode="numeric" value={max} onChange={setMax} />
        </div>
        <span>{t('jobs:salaryFilter.yuan')}</span>
      </div>
      <p style={{ margin: '0 0 12px', fontSize: 12, color: '#8c8c8c' }}>{t('jobs:salaryFilter.hint')}</p>
    </PanelFrame>
  );
}

function MorePanel({ value, apply }: { value: SearchState; apply: Apply }) {
  const { t } = useT();
  const [draft, setDraft] = useState({ education: value.education, postedWithin: value.postedWithin, openTo: value.openTo, priority: value.priority });
  const set = (k: keyof typeof draft) => (v: string) => setDraft((d) => ({ ...d, [k]: v }));
  return (
    <PanelFrame testId="filter-more-panel" onClear={() => apply({ education: '', postedWithin: '', openTo: '', priority: '' })} onOk={() => apply(draft)}>
      <Choice testId="filter-openTo" label={t('jobs:openTo.label')} value={draft.openTo} options={OPEN_TO.map((g) => ({ label: t(`jobs:openTo.${g}`), value: g }))} onChange={set('openTo')} />
      <Choice testId="filter-priority" label={t('jobs:priority.label')} value={draft.priority} options={[{ label: t('jobs:priority.true'), value: 'true' }]} onChange={set('priority')} />
      <Choice testId="filter-posted" label={t('jobs:posted.label')} value={draft.postedWithin} options={POSTED_WITHIN.map((n) => ({ label: t('jobs:posted.within', { n }), value: n }))} onChange={set('postedWithin')} />
      <Choice testId="filter-education" label={t('jobs:education.label')} value={draft.education} options={EDUCATIONS.map((e) => ({ label: t(`jobs:education.${e.key}`), value: e.value }))} onChange={set('education')} />
    </PanelFrame>
  );
}

function SortPanel({ value, apply }: { value: SearchState; apply: Apply }) {
  const { t } = useT();
  return (
    <PanelFrame testId="filter-sort-panel">
      <Selector
        columns={2}
        options={(['relevance', 'newest'] as const).map((s) => ({ label: t(`jobs:sort.${s}`), value: s }))}
        value={[value.sort || 'relevance']}
        onChange={(v) => v[0] && apply({ sort: v[0] === 'relevance' ? '' : v[0] })}
      />
    </PanelFrame>
  );
}

function PlaceLabel({ code }: { code: string }) {
  return <>{useName(code, placeName)}</>;
}

/** What the 薪资 button says: the range and its unit, the unit alone, or nothing set. */
function salaryLabel(s: SearchState, t: ReturnType<typeof useT>['t']): string | null {
  const unit = s.salaryUnit || (s.salaryMin || s.salaryMax ? 'MONTH' : '');
  if (!unit) return null;
  const range = salaryRange(s.salaryMin ? Number(s.salaryMin) : null, s.salaryMax ? Number(s.salaryMax) : null);
  return range ? `${range} ${t(`jobs:unit.${unit}`)}` : t(`jobs:per.${unit}`);
}

function BarButton({ testId, active, open, onClick, children }: { testId: string; active: boolean; open: boolean; onClick: () => void; children: ReactNode }) {
  return (
    <button
      type="button"
      data-testid={testId}
      aria-expanded={open}
      onClick={onClick}
      style={{
        flex: '1 1 auto',
        minWidth: 0,
        display: 'flex',
        justifyContent: 'center',
        gap: 2,
        padding: '10px 6px',
        border: 0,
        background: 'none',
        fontSize: 14,
        color: active || open ? '#0b5cad' : '#262626',
        fontWeight: active ? 600 : 400,
      }}
    >
      <span style={{ overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>{children}</span>
      <span aria-hidden="true">{open ? '▴' : '▾'}</span>
    </button>
  );
}

/** The bar and the open panel; `onApply` gets the whole search with the panel's change (the page writes it to the URL). */
export function SearchFilters({ value, onApply }: { value: SearchState; onApply: (next: SearchState) => void }) {
  const { t } = useT();
  const [open, setOpen] = useState<Panel | null>(null);
  const toggle = (p: Panel) => () => setOpen((o) => (o === p ? null : p));
  const apply: Apply = (change) => {
    setOpen(null);
    onApply({ ...value, ...change });
  };
  const salary = salaryLabel(value, t);
  const more = moreCount(value);
  const panels: Record<Panel, ReactNode> = {
    place: <PlacePanel value={value} apply={apply} />,
    salary: <SalaryPanel value={value} apply={apply} />,
    more: <MorePanel value={value} apply={apply} />,
    sort: <SortPanel value={value} apply={apply} />,
  };
  return (
    <div style={{ position: 'relative' }}>
      <nav aria-label={t('jobs:filter.label')} style={{ display: 'flex', background: '#fff', borderTop: '1px solid #f0f0f0', borderBottom: '1px solid #f0f0f0' }}>
        <BarButton testId="filter-place" active={value.division !== ''} open={open === 'place'} onClick={toggle('place')}>
          {value.division ? <PlaceLabel code={value.division} /> : t('jobs:filter.place')}
        </BarButton>
        <BarButton testId="filter-salary" active={salary !== null} open={open === 'salary'} onClick={toggle('salary')}>
          {salary ?? t('jobs:filter.salary')}
        </BarButton>
        <BarButton testId="filter-more" active={more > 0} open={open === 'more'} onClick={toggle('more')}>
          {more ? t('jobs:filter.moreCount', { n: more }) : t('jobs:filter.more')}
        </BarButton>
        <BarButton testId="filter-sort" active={value.sort !== ''} open={open === 'sort'} onClick={toggle('sort')}>
          {t(`jobs:sort.${value.sort || 'relevance'}`)}
        </BarButton>
      </nav>
      {/* a search changed meanwhile (the back button) starts the panel's draft again */}
      {open && <div key={`${open}?${writeSearch(value)}`}>{panels[open]}</div>}
    </div>
  );
}
