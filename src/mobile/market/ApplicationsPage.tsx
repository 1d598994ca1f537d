// /m/applications (我的求职申请) and /m/apply/:id: a job seeker's own applications in every county,
// with their stages, withdrawable while live (POST /api/v1/applications/mine/{id}/withdraw); and
// applying to one open posting (POST /api/v1/applications), the page the public job page's apply
// button opens (decision 0036). An application at the interview stage links to 我的面试 (decision 0049). Plain markup around antd-mobile's Button keeps the chunk light.
import Button from 'antd-mobile/es/components/button';
import { useEffect, useState } from 'react';
import { Link } from 'wouter';
import { api, messageOf, unwrap } from '../api.ts';
import { useT } from '../i18n/index.ts';
import { Banner, Frame } from '../pages/parts.tsx';
import { INTERVIEWS_PATH } from '../seeker/links.tsx';
import { fetchMe } from '../session.ts';

type Paths = import('../../web/api/schema.d.ts').paths;
type Own = Paths['/api/v1/applications/mine']['get']['responses'][200]['content']['application/json']['items'][number];
type Posting = Paths['/api/v1/public/postings/{id}']['get']['responses'][200]['content']['application/json'];

/** 'seeker' when a job seeker is signed in, 'other' for anyone else, 'out' when nobody is (null while asking). */
function useSeeker(): 'seeker' | 'other' | 'out' | null {
  const [who, setWho] = useState<'seeker' | 'other' | 'out' | null>(null);
  useEffect(() => {
    fetchMe().then(
      (me) => setWho(me === null ? 'out' : me.role === 'seeker' ? 'seeker' : 'other'),
      () => setWho('out'),
    );
  }, []);
  return who;
}

function SignInFirst() {
  const { t } = useT();
  return (
    <>
      <Banner kind="info" testId="apps-signed-out">{t('market:signedOut')}</Banner>
      <p style={{ margin: '8px 16px' }}>
        <a href="/m/login" style={{ color: '#0b5cad' }}>{t('market:login')}</a>
      </p>
    </>
  );
}

function ApplicationRow({ a, onChanged }: { a: Own; onChanged: (a: Own) => void }) {
  const { t } = useT();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function withdraw() {
    if (!window.confirm(t('market:confirmWithdraw'))) return;
    setBusy(true);
    setError(null);
    try {
      onChanged(await unwrap(api.POST('/api/v1/applications/mine/{id}/withdraw', { params: { path: { id: String(a.id) } } })));
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  }
  return (
    <li data-testid="my-application" data-id={a.id} data-stage={a.stage} style={{ padding: '10px 0', borderBottom: '1px solid #f0f0f0', fontSize: 14 }}>
      <a href={`/m/jobs/${a.postingCode}`} style={{ color: '#262626', fontWeight: 600 }}>{a.postingTitle}</a>
      <div style={{ color: '#595959' }}>
        {a.employerName}
        {a.divisionName ? ` · ${a.divisionName}` : ''}
      </div>
      <div>
        <span data-testid="my-application-stage">{t(`market:stage.${a.stage}`)}</span>
        <span style={{ color: '#8c8c8c' }}> · {t('market:appliedAt', { at: a.appliedAt.slice(0, 10) })}</span>
        {a.referral && <span style={{ color: '#8c8c8c' }}> · {t('market:referredBy', { name: a.referral.agencyName })}</span>}
        {a.stage === 'interview' && (
          <>
            {' · '}
            <Link href={INTERVIEWS_PATH} style={{ color: '#0b5cad' }} data-testid="my-application-interviews">
              {t('interviews:see')}
            </Link>
          </>
        )}
      </div>
      {error && <Banner kind="error" testId="my-application-error">{error}</Banner>}
      {a.withdrawable && (
        <Button size="small" loading={busy} data-testid="my-application-withdraw" onClick={() => void withdraw()} style={{ marginTop: 6 }}>
          {t('market:withdraw')}
        </Button>
      )}
    </li>
  );
}

export function MyApplicationsPage() {
  const { t } = useT();
  const who = useSeeker();
  const [items, setItems] = useState<Own[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    if (who !== 'seeker') return;
    unwrap(api.GET('/api/v1/applications/mine', { params: { query: { limit: 100 } } })).then(
      (p) => setItems([...p.items].reverse()),
      (e: unknown) => setError(messageOf(e)),
    );
  }, [who]);
  return (
    <Frame title={t('market:mine.title')}>
      <div style={{ padding: '0 16px' }}>
        <Link href="/" style={{ color: '#0b5cad', fontSize: 14 }}>{t('market:back')}</Link>
      </div>
      {who === 'out' && <SignInFirst />}
      {who === 'other' && <Banner kind="info" testId="apps-not-seeker">{t('market:seekersOnly')}</Banner>}
      {error && <Banner kind="error" testId="apps-error">{error}</Banner>}
      {items && items.length === 0 && <Banner kind="info" testId="apps-empty">{t('market:mine.empty')}</Banner>}
      {items && items.length > 0 && (
        <ul data-testid="my-applications" style={{ listStyle: 'none', margin: 0, padding: '0 16px' }}>
          {items.map((a) => (
            <ApplicationRow key={a.id} a={a} onChanged={(n) => setItems((xs) => (xs ?? []).map((x) => (x.id === n.id ? n : x)))} />
          ))}
        </ul>
      )}
    </Frame>
  );
}

export function ApplyPage({ params }: { params: { id: string } }) {
  const { t } = useT();
  const who = useSeeker();
  const [posting, setPosting] = useState<Posting | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    if (!/^\d{1,15}$/.test(params.id)) return setError(t('market:postingMissing'));
    unwrap(api.GET('/api/v1/public/postings/{id}', { params: { path: { id: params.id } } })).then(setPosting, (e: unknown) => setError(messageOf(e)));
  }, [params.id, t]);
  async function apply() {
    if (!posting) return;
    setBusy(true);
    setError(null);
    try {
      await unwrap(api.POST('/api/v1/applications', { body: { postingId: posting.id } }));
      setDone(true);
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  }
  return (
    <Frame title={t('market:apply.title')}>
      {posting && (
        <div style={{ padding: '0 16px 8px', fontSize: 14 }}>
          <strong data-testid="apply-posting-title">{posting.title}</strong>
          <div style={{ color: '#595959' }}>{posting.employerName}</div>
        </div>
      )}
      {who === 'out' && <SignInFirst />}
      {who === 'other' && <Banner kind="info" testId="apps-not-seeker">{t('market:seekersOnly')}</Banner>}
      {error && <Banner kind="error" testId="apply-error">{error}</Banner>}
      {done ? (
        <>
          <Banner kind="info" testId="apply-done">{t('market:apply.done')}</Banner>
          <p style={{ margin: '8px 16px' }}>
            <Link href="/applications" style={{ color: '#0b5cad' }}>{t('market:mine.title')}</Link>
          </p>
        </>
      ) : (
        who === 'seeker' &&
        posting && (
          <div style={{ padding: '8px 16px' }}>
            <Button block color="primary" size="large" loading={busy} disabled={!posting.directApply} data-testid="apply-submit" onClick={() => void apply()}>
              {posting.directApply ? t('market:apply.submit') : t('market:apply.closed')}
            </Button>
          </div>
        )
      )}
    </Frame>
  );
}
