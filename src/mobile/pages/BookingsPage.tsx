// /m/bookings and /m/bookings/venues/:id: job seekers and employers book a place in a venue's time
// slot (issue 8 P7) — every active venue, a week of days, each slot with its free places; a booking
// names only the slot id (POST /api/v1/prevention/slots/{id}/bookings, empty body: no local time is
// sent, case 04 step 9), 409 when full or already booked; their own bookings, cancellable. Every
// time is shown in Beijing time whatever the phone's zone.
import Button from 'antd-mobile/es/components/button';
import { useCallback, useEffect, useState } from 'react';
import { Link } from 'wouter';
import { addDays } from '../../shared/beijing-day.ts';
import { api, messageOf, unwrap } from '../api.ts';
import { useT } from '../i18n/index.ts';
import { BackLink, hm, ymd } from '../prevention/parts.tsx';
import { fetchMe } from '../session.ts';
import { Banner, Frame } from './parts.tsx';

type Paths = import('../../web/api/schema.d.ts').paths;
type Booking = Paths['/api/v1/prevention/bookings']['get']['responses'][200]['content']['application/json']['items'][number];
type Venue = Paths['/api/v1/prevention/venues']['get']['responses'][200]['content']['application/json']['items'][number];
type Slot = Paths['/api/v1/prevention/venues/{id}/slots']['get']['responses'][200]['content']['application/json']['items'][number];

/** Signed in, or the page says to sign in (null while asking). */
function useSignedIn(): boolean | null {
  const [ok, setOk] = useState<boolean | null>(null);
  useEffect(() => {
    fetchMe().then(
      (me) => setOk(me !== null),
      () => setOk(false),
    );
  }, []);
  return ok;
}

function SignInFirst() {
  const { t } = useT();
  return (
    <>
      <Banner kind="info" testId="booking-signed-out">{t('booking:signedOut')}</Banner>
      <p style={{ margin: '8px 16px' }}>
        <a href="/m/login" style={{ color: '#0b5cad' }}>{t('booking:login')}</a>
      </p>
    </>
  );
}

function BookingRow({ b, onCancelled }: { b: Booking; onCancelled: (b: Booking) => void }) {
  const { t } = useT();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function cancel() {
    setBusy(true);
    setError(null);
    try {
      onCancelled(await unwrap(api.DELETE('/api/v1/prevention/bookings/{id}', { params: { path: { id: String(b.id) } } })));
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  }
  return (
    <li data-testid="booking" data-id={b.id} data-status={b.status} style={{ padding: '10px 0', borderBottom: '1px solid #f0f0f0', fontSize: 14 }}>
      <strong>{b.venueName}</strong>
      <div data-testid="booking-when">{t('booking:when', { date: ymd(b.startsAt), from: hm(b.startsAt), to: hm(b.endsAt) })}</div>
      <div style={{ color: '#595959' }}>
        {t(`booking:status.${b.status}`)} · {t('booking:code', { code: b.code })}
      </div>
      {error && <Banner kind="error" testId="booking-error">{error}</Banner>}
      {b.status === 'active' && (
        <Button size="small" loading={busy} data-testid="booking-cancel" onClick={() => void cancel()} style={{ marginTop: 6 }}>
          {t('booking:cancel')}
        </Button>
      )}
    </li>
  );
}

export function BookingsPage() {
  const { t } = useT();
  const signedIn = useSignedIn();
  const [bookings, setBookings] = useState<Booking[] | null>(null);
  const [venues, setVenues] = useState<Venue[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  useEffect(() => {
    if (!signedIn) return;
    unwrap(api.GET('/api/v1/prevention/bookings', { params: { query: { limit: 50 } } })).then((p) => setBookings(p.items), (e: unknown) => setError(messageOf(e)));
    unwrap(api.GET('/api/v1/prevention/venues', { params: { query: { limit: 100 } } })).then((p) => setVenues(p.items.filter((v) => v.status === 'active')), (e: unknown) => setError(messageOf(e)));
  }, [signedIn]);

  return (
    <Frame title={t('booking:title')}>
      {signedIn === false && <SignInFirst />}
      {error && <Banner kind="error" testId="booking-error">{error}</Banner>}
      {notice && <Banner kind="info" testId="booking-notice">{notice}</Banner>}
      {signedIn && (
        <>
          <section style={{ margin: '0 16px' }}>
            <h3 style={{ fontSize: 16, margin: '4px 0' }}>{t('booking:mine')}</h3>
            {bookings?.length === 0 && <p style={{ color: '#8c8c8c', fontSize: 14 }}>{t('booking:noBookings')}</p>}
            <ul data-testid="my-bookings" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
              {bookings?.map((b) => (
                <BookingRow
                  key={b.id}
                  b={b}
                  onCancelled={(c) => {
                    setBookings((all) => all?.map((x) => (x.id === c.id ? c : x)) ?? null);
                    setNotice(t('booking:cancelDone'));
                  }}
                />
              ))}
            </ul>
          </section>
          <section style={{ margin: '16px 16px 0' }}>
            <h3 style={{ fontSize: 16, margin: '4px 0' }}>{t('booking:venues')}</h3>
            {venues?.length === 0 && <p style={{ color: '#8c8c8c', fontSize: 14 }}>{t('booking:noVenues')}</p>}
            <ul style={{ listStyle: 'none', margin: 0, padding: 0 }}>
              {venues?.map((v) => (
                <li key={v.id} style={{ padding: '10px 0', borderBottom: '1px solid #f0f0f0' }}>
                  <Link href={`/bookings/venues/${v.id}`} data-testid="booking-venue" data-id={v.id} style={{ color: '#0b5cad', fontSize: 15 }}>
                    {v.name}
                  </Link>
                  <div style={{ color: '#8c8c8c', fontSize: 13 }}>
                    {v.divisionName} · {v.address}
                  </div>
                </li>
              ))}
            </ul>
          </section>
        </>
      )}
      <BackLink />
    </Frame>
  );
}

export function VenueSlotsPage({ params }: { params: { id: string } }) {
  const { t } = useT();
  const venueId = Number(params.id);
  const signedIn = useSignedIn();
  const today = ymd(new Date());
  const [day, setDay] = useState(today);
  const [slots, setSlots] = useState<Slot[] | null>(null);
  const [busy, setBusy] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const load = useCallback(
    (d: string) => {
      setSlots(null);
      unwrap(api.GET('/api/v1/prevention/venues/{id}/slots', { params: { path: { id: String(venueId) }, query: { date: d } } })).then(
        (l) => setSlots(l.items),
        (e: unknown) => setError(messageOf(e)),
      );
    },
    [venueId],
  );
  useEffect(() => {
    if (signedIn && Number.isSafeInteger(venueId)) load(day);
  }, [signedIn, day, load, venueId]);

  async function book(slot: Slot) {
    setBusy(slot.id);
    setError(null);
    setNotice(null);
    try {
      const b = await unwrap(api.POST('/api/v1/prevention/slots/{id}/bookings', { params: { path: { id: String(slot.id) } }, body: {} }));
      setNotice(t('booking:booked', { venue: b.venueName, date: ymd(b.startsAt), from: hm(b.startsAt), to: hm(b.endsAt), code: b.code }));
      load(day);
    } catch (e) {
      setError(messageOf(e));
      load(day);
    } finally {
      setBusy(null);
    }
  }

  const days = Array.from({ length: 7 }, (_, i) => addDays(today, i));
  return (
    <Frame title={t('booking:title')}>
      {signedIn === false && <SignInFirst />}
      {notice && <Banner kind="info" testId="booking-notice">{notice}</Banner>}
      {error && <Banner kind="error" testId="booking-error">{error}</Banner>}
      {signedIn && (
        <>
          <div role="tablist" style={{ display: 'flex', gap: 6, overflowX: 'auto', padding: '0 16px 8px' }}>
            {days.map((d) => (
              <button
                key={d}
                type="button"
                role="tab"
                aria-selected={d === day}
                data-testid="booking-day"
                data-day={d}
                onClick={() => setDay(d)}
                style={{ flex: '0 0 auto', padding: '6px 10px', borderRadius: 16, border: `1px solid ${d === day ? '#0b5cad' : '#d9d9d9'}`, background: d === day ? '#e6f4ff' : '#fff', fontSize: 14 }}
              >
                {d.slice(5)}
              </button>
            ))}
          </div>
          <h3 style={{ fontSize: 15, margin: '4px 16px' }}>{t('booking:slots', { date: day })}</h3>
          {slots?.length === 0 && <p style={{ margin: '0 16px', color: '#8c8c8c', fontSize: 14 }}>{t('booking:noSlots')}</p>}
          <ul style={{ listStyle: 'none', margin: 0, padding: '0 16px' }}>
            {slots?.map((s) => (
              <li key={s.id} data-testid="booking-slot" data-id={s.id} style={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between', padding: '10px 0', borderBottom: '1px solid #f0f0f0' }}>
                <span style={{ fontSize: 15 }}>
                  <span data-testid="booking-slot-time">{t('booking:slot', { from: hm(s.startsAt), to: hm(s.endsAt) })}</span>
                  <span data-testid="booking-slot-free" style={{ display: 'block', fontSize: 13, color: s.full ? '#a8071a' : '#595959' }}>
                    {s.full ? t('booking:full') : t('booking:free', { free: s.free, capacity: s.capacity })}
                  </span>
                </span>
                <Button size="small" color="primary" disabled={s.full} loading={busy === s.id} data-testid="booking-book" onClick={() => void book(s)}>
                  {t('booking:book')}
                </Button>
              </li>
            ))}
          </ul>
          <p style={{ margin: '16px' }}>
            <Link href="/bookings" style={{ color: '#0b5cad', fontSize: 14 }}>
              {t('booking:mine')}
            </Link>
          </p>
        </>
      )}
      <BackLink />
    </Frame>
  );
}
