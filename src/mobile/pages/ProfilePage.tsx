// 我的求职登记 (issue 9, "People who sign up"): one form for every field of PUT /seekers/me, filled
// from GET /seekers/me (404 before the first save: the form starts from the account's name). The ID
// number is typed, never shown back: the profile carries it masked, and a save that leaves the box
// empty keeps the number on file; a number typed needs its own consent ticked (sensitive
// information, the notice's paragraph shown with it). Places through the light county picker,
// occupations down the occupation table's levels. The server's 400 names the field; its message
// shows under that field. A lapsed registration says so at the top with a one-tap renewal (POST
// /seekers/me/renewal); the consents on record are listed at the foot, with the way to close the
// registration (DELETE /seekers/me: withdraws consent, deletes it, signs out). Decision 0040.
// 个性化推荐 (issue 12, PIPL art. 24): a switch saved with the form; off, the matcher picks no
// postings for the seeker and proposes them to no employer (为你推荐 links here, #recommendations).
import Button from 'antd-mobile/es/components/button';
import Input from 'antd-mobile/es/components/input';
import Switch from 'antd-mobile/es/components/switch';
import { type FormEvent, type ReactNode, useEffect, useState } from 'react';
import { Link } from 'wouter';
import type { paths } from '../../web/api/schema.d.ts';
import { ApiError, api, expectOk, messageOf, unwrap } from '../api.ts';
import { useT } from '../i18n/index.ts';
import { fetchMe } from '../session.ts';
import { useNotice } from '../seeker/notice.tsx';
import { CountyPicker, countyName, OccupationPicker, occupationName, useName } from '../seeker/pickers.tsx';
import { beijingDate, beijingMinutes, clockText } from '../../shared/beijing-day.ts';
import { Banner, FieldError } from './parts.tsx';

type Profile = paths['/api/v1/seekers/me']['get']['responses'][200]['content']['application/json'];
type Body = paths['/api/v1/seekers/me']['put']['requestBody']['content']['application/json'];

const CATEGORIES = ['new_entrant', 'new_graduate', 'unemployed_after_work', 'other_unemployed', 'laid_off', 'employed', 'in_school', 'rural_local', 'from_outside_city', 'retired'] as const;
const PRIORITY = ['college_graduate', 'migrant_worker'] as const;
const UNITS = ['month', 'day', 'hour'] as const;
const VISIBILITY = ['nobody', 'agencies', 'applied', 'employers'] as const;

/** The form's state: what the inputs hold (text as typed). */
type Form = {
  name: string;
  idNumber: string;
  /** The separate consent to the ID number typed (PIPL art. 29). */
  idNumberConsent: boolean;
  categories: string[];
  priorityGroups: string[];
  residenceDivision: string;
  homeDivision: string;
  desiredOccupations: string[];
  desiredDivisions: string[];
  salaryMin: string;
  salaryMax: string;
  salaryUnit: string;
  educationCode: string;
  skillGrade: string;
  experienceYears: string;
  skills: string;
  resume: string;
  validUntil: string;
  visibility: string;
  /** Automated recommendations on (PIPL art. 24). */
  recommendations: boolean;
};

const str = (v: string | number | null | undefined) => (v === null || v === undefined ? '' : String(v));

function formOf(p: Profile | null, name: string): Form {
  return {
    name: p?.name ?? name,
    idNumber: '',
    idNumberConsent: false,
    categories: p?.categories ?? [],
    priorityGroups: p?.priorityGroups ?? [],
    residenceDivision: str(p?.residenceDivision),
    homeDivision: str(p?.homeDivision),
    desiredOccupations: p?.desiredOccupations ?? [],
    desiredDivisions: p?.desiredDivisions ?? [],
    salaryMin: str(p?.salaryMin),
    salaryMax: str(p?.salaryMax),
    salaryUnit: str(p?.salaryUnit),
    educationCode: str(p?.educationCode),
    skillGrade: str(p?.skillGrade),
    experienceYears: str(p?.experienceYears),
    skills: str(p?.skills),
    resume: str(p?.resume),
    validUntil: str(p?.validUntil),
    visibility: p?.visibility ?? 'agencies',
    recommendations: p?.recommendations ?? true,
  };
}

/** The PUT body of the form, or the fields whose numbers do not read as numbers. */
function bodyOf(f: Form): { body: Body } | { bad: (keyof Form)[] } {
  const bad: (keyof Form)[] = [];
  const num = (k: keyof Form) => {
    const v = (f[k] as string).trim();
    if (!v) return undefined;
    const n = Number(v);
    if (!Number.isFinite(n)) bad.push(k);
    return n;
  };
  const opt = (v: string) => (v.trim() ? v.trim() : undefined);
  const body = {
    name: f.name.trim(),
    ...(f.idNumber.trim() ? { idNumber: f.idNumber.trim(), idNumberConsent: f.idNumberConsent } : {}),
    categories: f.categories as Body['categories'],
    priorityGroups: f.priorityGroups as Body['priorityGroups'],
    residenceDivision: opt(f.residenceDivision),
    homeDivision: opt(f.homeDivision),
    desiredOccupations: f.desiredOccupations,
    desiredDivisions: f.desiredDivisions,
    salaryMin: num('salaryMin'),
    salaryMax: num('salaryMax'),
    salaryUnit: opt(f.salaryUnit) as Body['salaryUnit'],
    educationCode: opt(f.educationCode),
    skillGrade: opt(f.skillGrade),
    experienceYears: num('experienceYears'),
    skills: opt(f.skills),
    resume: opt(f.resume),
    validUntil: opt(f.validUntil),
    visibility: f.visibility as Body['visibility'],
    recommendations: f.recommendations,
  };
  return bad.length ? { bad } : { body };
}

/** A labelled block of the form with its field's message under it. */
function Row({ label, htmlFor, error, field, children }: { label: string; htmlFor?: string; error?: string; field: string; children: ReactNode }) {
  return (
    <div data-testid={`row-${field}`} style={{ padding: '10px 16px', borderBottom: '1px solid #f0f0f0' }}>
      <label htmlFor={htmlFor} style={{ display: 'block', fontSize: 14, color: '#595959', marginBottom: 6 }}>
        {label}
      </label>
      {children}
      {error && <FieldError testId={`profile-${field}-error`}>{error}</FieldError>}
    </div>
  );
}

/** `YYYY-MM-DD HH:MM` in Beijing time of an instant. */
const beijingTime = (iso: string) => {
  const at = new Date(iso);
  return `${beijingDate(at)} ${clockText(beijingMinutes(at))}`;
};

const boxStyle = { width: '100%', boxSizing: 'border-box', fontSize: 15, padding: '6px 8px', border: '1px solid #d9d9d9', borderRadius: 6 } as const;

function Checks({ testId, values, chosen, label, onChange }: { testId: string; values: readonly string[]; chosen: string[]; label: (v: string) => string; onChange: (v: string[]) => void }) {
  return (
    <div style={{ display: 'flex', flexWrap: 'wrap', gap: '6px 14px' }}>
      {values.map((v) => (
        <label key={v} style={{ display: 'flex', alignItems: 'center', gap: 4, fontSize: 14 }}>
          <input type="checkbox" data-testid={`${testId}-${v}`} checked={chosen.includes(v)} onChange={(e) => onChange(e.target.checked ? [...chosen, v] : chosen.filter((c) => c !== v))} />
          {label(v)}
        </label>
      ))}
    </div>
  );
}

function Chip({ code, lookup, testId, onRemove }: { code: string; lookup: (c: string) => Promise<string>; testId: string; onRemove: () => void }) {
  const { t } = useT();
  const name = useName(code, lookup);
  return (
    <span data-testid={testId} data-code={code} style={{ display: 'inline-flex', alignItems: 'center', gap: 4, background: '#e6f4ff', color: '#0b5cad', borderRadius: 12, padding: '2px 4px 2px 10px', fontSize: 13 }}>
      {name}
      <button type="button" aria-label={t('seeker:profile.remove')} onClick={onRemove} style={{ border: 0, background: 'none', color: '#0b5cad', fontSize: 16, padding: '0 4px' }}>
        ×
      </button>
    </span>
  );
}

/** A list of codes shown by name, with a picker and an "add" button below (at most 10). */
function CodeList({ testId, codes, lookup, picker, onChange }: { testId: string; codes: string[]; lookup: (c: string) => Promise<string>; picker: (set: (c: string) => void, value: string) => ReactNode; onChange: (codes: string[]) => void }) {
  const { t } = useT();
  const [pending, setPending] = useState('');
  return (
    <>
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 6, marginBottom: codes.length ? 8 : 0 }}>
        {codes.map((c) => (
          <Chip key={c} code={c} lookup={lookup} testId={`${testId}-chip`} onRemove={() => onChange(codes.filter((x) => x !== c))} />
        ))}
      </div>
      {codes.length < 10 && (
        <div style={{ display: 'flex', gap: 8, alignItems: 'flex-end' }}>
          {/* a new picker after each addition: it starts again from its first level */}
          <div key={codes.join(',')} style={{ flex: 1, minWidth: 0 }}>
            {picker(setPending, pending)}
          </div>
          <Button
            size="small"
            style={{ flex: 'none' }}
            data-testid={`${testId}-add`}
            disabled={!pending || codes.includes(pending)}
            onClick={() => {
              onChange([...codes, pending]);
              setPending('');
            }}
          >
            {t('seeker:profile.add')}
          </Button>
        </div>
      )}
    </>
  );
}

export function ProfilePage() {
  const { t } = useT();
  const [form, setForm] = useState<Form | null>(null);
  const [saved, setSaved] = useState<Profile | null>(null);
  const [educations, setEducations] = useState<{ code: string; name: string }[]>([]);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  // no profile saved yet (GET answered 404 seeker_profile_missing)
  const [fresh, setFresh] = useState(false);
  const [signedOut, setSignedOut] = useState(false);
  const [busy, setBusy] = useState(false);
  const [renewing, setRenewing] = useState(false);
  const [closing, setClosing] = useState<'no' | 'asking' | 'busy'>('no');
  const { notice: terms } = useNotice();

  useEffect(() => {
    let live = true;
    (async () => {
      const me = await fetchMe();
      if (!me) return live && setSignedOut(true);
      try {
        const p = await unwrap(api.GET('/api/v1/seekers/me'));
        if (live) {
          setSaved(p);
          setForm(formOf(p, me.displayName));
        }
      } catch (e) {
        if (!(e instanceof ApiError && e.code === 'seeker_profile_missing')) throw e;
        if (live) {
          setForm(formOf(null, me.displayName));
          setFresh(true);
        }
      }
    })().catch((e: unknown) => live && setError(messageOf(e)));
    unwrap(api.GET('/api/v1/code-tables/education-levels')).then((r) => live && setEducations(r.items), () => {});
    return () => {
      live = false;
    };
  }, []);

  // 为你推荐 links to the switch (#recommendations): there once the form is shown
  const shown = form !== null;
  useEffect(() => {
    if (shown && window.location.hash === '#recommendations') document.getElementById('recommendations')?.scrollIntoView({ block: 'center' });
  }, [shown]);

  const set = <K extends keyof Form>(k: K) => (v: Form[K]) => setForm((f) => (f ? { ...f, [k]: v } : f));

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!form) return;
    setErrors({});
    setError(null);
    setNotice(null);
    const b = bodyOf(form);
    if ('bad' in b) return setErrors(Object.fromEntries(b.bad.map((k) => [k === 'salaryMax' || k === 'salaryMin' ? 'salary' : k, t('seeker:profile.numberInvalid')])));
    setBusy(true);
    try {
      const p = await unwrap(api.PUT('/api/v1/seekers/me', { body: b.body }));
      setSaved(p);
      setForm(formOf(p, p.name));
      setFresh(false);
      setNotice(t('seeker:profile.saved'));
    } catch (err) {
      if (err instanceof ApiError && Object.keys(err.fields).length) {
        const f = { ...err.fields };
        // both ends of the pay range show under the one pay row
        for (const k of ['salaryMin', 'salaryMax', 'salaryUnit']) if (f[k] && !f.salary) f.salary = f[k];
        setErrors(f);
        setError(err.message);
      } else setError(messageOf(err));
    } finally {
      setBusy(false);
    }
  }

  async function renew() {
    setError(null);
    setNotice(null);
    setRenewing(true);
    try {
      const p = await unwrap(api.POST('/api/v1/seekers/me/renewal'));
      setSaved(p);
      setForm((f) => (f ? { ...f, validUntil: p.validUntil } : f));
      setNotice(t('seeker:profile.renewed', { date: p.validUntil }));
    } catch (err) {
      setError(messageOf(err));
    } finally {
      setRenewing(false);
    }
  }

  async function closeRegistration() {
    setError(null);
    setClosing('busy');
    try {
      await expectOk(api.DELETE('/api/v1/seekers/me'));
      // the session has ended with the membership: a fresh start at the login page
      window.location.replace('/m/login');
    } catch (err) {
      setError(messageOf(err));
      setClosing('asking');
    }
  }

  if (signedOut)
    return (
      <div style={{ padding: 24 }}>
        <p data-testid="profile-signed-out">{t('seeker:signedOut')}</p>
        <Link href="/login" style={{ color: '#0b5cad' }}>
          {t('seeker:login')}
        </Link>
      </div>
    );
  if (!form) return error ? <Banner kind="error" testId="profile-error">{error}</Banner> : <p style={{ padding: 24, color: '#8c8c8c' }}>{t('common:loading')}</p>;

  const input = (k: 'name' | 'idNumber' | 'skillGrade', extra: { placeholder?: string; maxLength: number }) => (
    <div style={{ ...boxStyle, padding: '4px 8px' }}>
      <Input id={`m-p-${k}`} data-testid={`profile-${k}`} value={form[k]} onChange={set(k)} style={{ '--font-size': '15px' }} {...extra} />
    </div>
  );

  return (
    <div style={{ paddingBottom: 32 }}>
      <header style={{ background: '#0b5cad', color: '#fff', padding: '14px 16px' }}>
        <Link href="/" style={{ color: '#fff', fontSize: 13, opacity: 0.9 }}>
          {t('seeker:profile.back')}
        </Link>
        <h1 style={{ margin: '6px 0 4px', fontSize: 22 }}>{t('seeker:profile.title')}</h1>
        <div style={{ fontSize: 13, opacity: 0.9 }}>{t('seeker:profile.intro')}</div>
      </header>
      {saved?.expired && (
        <div data-testid="profile-expired" role="alert" style={{ margin: '8px 16px', padding: '10px 12px', borderRadius: 6, background: '#fff7e6', color: '#874d00', fontSize: 14 }}>
          <p style={{ margin: '0 0 8px' }}>{t('seeker:profile.expired', { date: saved.validUntil })}</p>
          <Button size="small" color="warning" loading={renewing} data-testid="profile-renew" onClick={() => void renew()}>
            {t('seeker:profile.renew')}
          </Button>
        </div>
      )}
      {error && <Banner kind="error" testId="profile-error">{error}</Banner>}
      {(notice ?? (fresh ? t('seeker:profile.none') : null)) && !error && <Banner kind="info" testId="profile-notice">{notice ?? t('seeker:profile.none')}</Banner>}
      <form onSubmit={(e) => void submit(e)} noValidate>
        <Row label={t('seeker:profile.name')} htmlFor="m-p-name" field="name" error={errors.name}>
          {input('name', { maxLength: 50 })}
        </Row>
        {saved && (
          <Row label={t('seeker:profile.phone')} field="phone">
            <span data-testid="profile-phone">{saved.phone}</span>
          </Row>
        )}
        <Row label={t('seeker:profile.idNumber')} htmlFor="m-p-idNumber" field="idNumber" error={errors.idNumber}>
          {saved?.idNumberMasked && (
            <div data-testid="profile-id-masked" style={{ fontSize: 13, color: '#595959', marginBottom: 4 }}>
              {t('seeker:profile.idNumberOnFile', { masked: saved.idNumberMasked })}
            </div>
          )}
          {input('idNumber', { maxLength: 18, placeholder: t('seeker:profile.idNumberPlaceholder') })}
          {form.idNumber.trim() && (
            <div data-testid="profile-idNumber-consent" style={{ marginTop: 8, fontSize: 13, color: '#595959' }}>
              {terms && <p style={{ margin: '0 0 6px', lineHeight: 1.6 }}>{terms.idNumber}</p>}
              <label style={{ display: 'flex', gap: 6, alignItems: 'flex-start', fontSize: 14, color: '#262626' }}>
                <input type="checkbox" data-testid="profile-idNumberConsent" checked={form.idNumberConsent} onChange={(e) => set('idNumberConsent')(e.target.checked)} style={{ marginTop: 3 }} />
                <span>{t('seeker:profile.idNumberConsent')}</span>
              </label>
              {errors.idNumberConsent && <FieldError testId="profile-idNumberConsent-error">{errors.idNumberConsent}</FieldError>}
            </div>
          )}
        </Row>
        <Row label={t('seeker:profile.categories')} field="categories" error={errors.categories}>
          <Checks testId="profile-category" values={CATEGORIES} chosen={form.categories} label={(v) => t(`seeker:profile.category.${v}`)} onChange={set('categories')} />
        </Row>
        <Row label={t('seeker:profile.priorityGroups')} field="priorityGroups" error={errors.priorityGroups}>
          <Checks testId="profile-priority" values={PRIORITY} chosen={form.priorityGroups} label={(v) => t(`seeker:profile.priority.${v}`)} onChange={set('priorityGroups')} />
        </Row>
        <Row label={t('seeker:profile.residence')} field="residenceDivision" error={errors.residenceDivision}>
          <CountyPicker testId="profile-residence" value={form.residenceDivision} onChange={set('residenceDivision')} />
        </Row>
        <Row label={t('seeker:profile.home')} field="homeDivision" error={errors.homeDivision}>
          <CountyPicker testId="profile-home" value={form.homeDivision} onChange={set('homeDivision')} />
        </Row>
        <Row label={t('seeker:profile.desiredOccupations')} field="desiredOccupations" error={errors.desiredOccupations}>
          <CodeList testId="profile-occupations" codes={form.desiredOccupations} lookup={occupationName} onChange={set('desiredOccupations')} picker={(pick) => <OccupationPicker testId="profile-occupation" onChange={pick} />} />
        </Row>
        <Row label={t('seeker:profile.desiredDivisions')} field="desiredDivisions" error={errors.desiredDivisions}>
          <CodeList testId="profile-places" codes={form.desiredDivisions} lookup={countyName} onChange={set('desiredDivisions')} picker={(pick, value) => <CountyPicker testId="profile-place" value={value} onChange={pick} />} />
        </Row>
        <Row label={t('seeker:profile.salary')} field="salary" error={errors.salary}>
          <div style={{ display: 'flex', gap: 6, alignItems: 'center' }}>
            <input data-testid="profile-salaryMin" aria-label={t('seeker:profile.salaryMin')} placeholder={t('seeker:profile.salaryMin')} inputMode="decimal" value={form.salaryMin} onChange={(e) => set('salaryMin')(e.target.value)} style={{ ...boxStyle, width: '30%' }} />
            –
            <input data-testid="profile-salaryMax" aria-label={t('seeker:profile.salaryMax')} placeholder={t('seeker:profile.salaryMax')} inputMode="decimal" value={form.salaryMax} onChange={(e) => set('salaryMax')(e.target.value)} style={{ ...boxStyle, width: '30%' }} />
            <select data-testid="profile-salaryUnit" aria-label={t('seeker:profile.salaryUnit')} value={form.salaryUnit} onChange={(e) => set('salaryUnit')(e.target.value)} style={{ ...boxStyle, width: 'auto', flex: 1 }}>
              <option value="">{t('seeker:profile.salaryUnit')}</option>
              {UNITS.map((u) => (
                <option key={u} value={u}>
                  {t(`seeker:profile.unit.${u}`)}
                </option>
              ))}
            </select>
          </div>
        </Row>
        <Row label={t('seeker:profile.education')} htmlFor="m-p-education" field="educationCode" error={errors.educationCode}>
          <select id="m-p-education" data-testid="profile-education" value={form.educationCode} onChange={(e) => set('educationCode')(e.target.value)} style={boxStyle}>
            <option value="">{t('seeker:profile.none_choice')}</option>
            {educations.map((e) => (
              <option key={e.code} value={e.code}>
                {e.name}
              </option>
            ))}
          </select>
        </Row>
        <Row label={t('seeker:profile.skillGrade')} htmlFor="m-p-skillGrade" field="skillGrade" error={errors.skillGrade}>
          {input('skillGrade', { maxLength: 50 })}
        </Row>
        <Row label={t('seeker:profile.experienceYears')} htmlFor="m-p-exp" field="experienceYears" error={errors.experienceYears}>
          <input id="m-p-exp" data-testid="profile-experienceYears" inputMode="numeric" value={form.experienceYears} onChange={(e) => set('experienceYears')(e.target.value)} style={{ ...boxStyle, width: '30%' }} />
        </Row>
        <Row label={t('seeker:profile.skills')} htmlFor="m-p-skills" field="skills" error={errors.skills}>
          <textarea id="m-p-skills" data-testid="profile-skills" rows={2} maxLength={500} value={form.skills} onChange={(e) => set('skills')(e.target.value)} style={boxStyle} />
        </Row>
        <Row label={t('seeker:profile.resume')} htmlFor="m-p-resume" field="resume" error={errors.resume}>
          <textarea id="m-p-resume" data-testid="profile-resume" rows={5} maxLength={5000} value={form.resume} onChange={(e) => set('resume')(e.target.value)} style={boxStyle} />
        </Row>
        <Row label={t('seeker:profile.validUntil')} htmlFor="m-p-valid" field="validUntil" error={errors.validUntil}>
          <input id="m-p-valid" type="date" data-testid="profile-validUntil" value={form.validUntil} onChange={(e) => set('validUntil')(e.target.value)} style={boxStyle} />
        </Row>
        <Row label={t('seeker:profile.visibility')} field="visibility" error={errors.visibility}>
          <div style={{ display: 'flex', flexDirection: 'column', gap: 6 }}>
            {VISIBILITY.map((v) => (
              <label key={v} style={{ display: 'flex', alignItems: 'center', gap: 6, fontSize: 14 }}>
                <input type="radio" name="visibility" data-testid={`profile-visibility-${v}`} checked={form.visibility === v} onChange={() => set('visibility')(v)} />
                {t(`seeker:profile.visible.${v}`)}
              </label>
            ))}
          </div>
        </Row>
        <Row label={t('seeker:profile.recommendations')} field="recommendations" error={errors.recommendations}>
          <div id="recommendations" style={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between', gap: 12, fontSize: 14 }}>
            <span id="m-p-recommendations">{t('seeker:profile.recommendationsOn')}</span>
            <Switch data-testid="profile-recommendations" aria-labelledby="m-p-recommendations" checked={form.recommendations} onChange={set('recommendations')} style={{ flex: 'none' }} />
          </div>
          <p data-testid="profile-recommendations-help" style={{ margin: '6px 0 0', fontSize: 13, color: '#8c8c8c', lineHeight: 1.6 }}>
            {t('seeker:profile.recommendationsHelp')}
          </p>
        </Row>
        <div style={{ padding: '16px 16px 0' }}>
          <Button block color="primary" size="large" type="submit" loading={busy} data-testid="profile-submit">
            {t('seeker:profile.save')}
          </Button>
        </div>
      </form>
      <footer style={{ margin: '24px 16px 0', fontSize: 13, color: '#8c8c8c', lineHeight: 1.6 }}>
        {saved?.consent && <p data-testid="profile-consent">{t('seeker:profile.consentGiven', { at: beijingTime(saved.consent.givenAt), version: saved.consent.noticeVersion })}</p>}
        {saved?.idNumberConsent && <p data-testid="profile-id-consent">{t('seeker:profile.idConsentGiven', { at: beijingTime(saved.idNumberConsent.givenAt) })}</p>}
        {closing === 'no' ? (
          <Button block color="danger" fill="outline" data-testid="profile-close" onClick={() => setClosing('asking')}>
            {t('seeker:profile.close')}
          </Button>
        ) : (
          <div data-testid="profile-close-ask" style={{ padding: '10px 12px', borderRadius: 6, background: '#fff1f0', color: '#a8071a' }}>
            <p style={{ margin: '0 0 8px' }}>{t('seeker:profile.closeWarning')}</p>
            <div style={{ display: 'flex', gap: 8 }}>
              <Button color="danger" loading={closing === 'busy'} data-testid="profile-close-confirm" onClick={() => void closeRegistration()}>
                {t('seeker:profile.closeConfirm')}
              </Button>
              <Button disabled={closing === 'busy'} data-testid="profile-close-cancel" onClick={() => setClosing('no')}>
                {t('seeker:profile.closeCancel')}
              </Button>
            </div>
          </div>
        )}
      </footer>
    </div>
  );
}
