// The prevention module's personal-data hook through the composition root: a roster member without
// a smartphone (paper consent, checks recorded by the administrator) is found, exported whole
// (values decrypted) and erased: the check-ins deleted even though the registry anonymises the
// roster row in the same command (modules erase dependants first); the consent history stays.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { citizenId, mobile, unique } from '../helpers/factories.ts';
import { createTestApp, type TestApp } from '../helpers/app.ts';
import { erasePersonalData, exportPersonalData, findPersonalData } from '../../src/server/modules/index.ts';
import { CONSENT_TEXT_VERSION } from '../../src/server/modules/prevention/schemas.ts';
import { healthValuesIn } from '../helpers/health-values.ts';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
}, 60_000);
afterAll(() => t?.close());

describe('personal data of daily checks', () => {
  it('finds (no values), exports (values) and erases a person\'s check-ins', async () => {
    const admin = await t.login('agency-wh');
    const agencyId = (await t.get('/api/v1/me', admin)).json().agencyId as number;
    const phone = mobile();
    const idNumber = citizenId();
    const added = await t.send('POST', `/api/v1/agencies/${agencyId}/staff`, { name: `纸质同意${unique()}`, phone, idNumber, position: '保洁' }, admin);
    expect(added.statusCode, added.body).toBe(201);
    const staffId = added.json().id as number;
    const paper = await t.send('POST', '/api/v1/prevention/consent/paper', { staffId, textVersion: CONSENT_TEXT_VERSION, signedOn: '2020-01-01', reference: '档案盒 3' }, admin);
    expect(paper.statusCode, paper.body).toBe(201);
    const check = await t.send('POST', '/api/v1/prevention/checkins', { clientId: `pd-${unique()}`, temperature: 36.7, symptoms: ['fatigue'], staffId }, admin);
    expect(check.statusCode, check.body).toBe(201);

    const person = { phone, idNumberHash: t.deps.crypto.keyedHash(idNumber) };
    const found = (await findPersonalData(t.deps, person)).filter((r) => r.module === 'prevention');
    // the symptom opened an incident naming the person: the incident lifecycle's hook finds and erases it too
    expect(found.map((r) => r.kind).sort()).toEqual(['checkin', 'consent', 'incident']);
    expect(healthValuesIn(found, [36.7])).toEqual([]);
    const copy = (await exportPersonalData(t.deps, person)).filter((r) => r.kind === 'checkin');
    expect(copy[0]?.data).toMatchObject({ temperature: 36.7, symptoms: ['fatigue'] });

    const counts = await erasePersonalData(t.deps, person, { actor: null, ctx: { requestId: `erase-${unique()}`, ip: 'local' } });
    expect(counts.prevention).toBe(2); // the check-in deleted, the incident's subject erased
    const left = await t.deps.db.selectFrom('prevention_checkins').select('id').where('staff_id', '=', staffId).execute();
    expect(left).toEqual([]);
    const consents = await t.deps.db.selectFrom('prevention_consents').select('method').where('staff_id', '=', staffId).execute();
    expect(consents).toEqual([{ method: 'paper' }]);
  });

  it('finds, exports and erases the incident of a visitor refused at the door, named by an encrypted phone only', async () => {
    const admin = await t.login('agency-wh');
    const venue = await t.send('POST', '/api/v1/prevention/venues', { name: `门口${unique()}`, address: '昆明市五华区', areaM2: 40 }, admin);
    expect(venue.statusCode, venue.body).toBe(201);
    const phone = mobile();
    const refused = await t.send('POST', `/api/v1/prevention/venues/${venue.json().id}/entry-checks`, { visitorType: 'seeker', name: '发热访客', phone, mask: true, temperature: '38.1' }, admin);
    expect(refused.statusCode, refused.body).toBe(201);
    const incidentId = refused.json().incidentId as number;
    expect(incidentId).toBeTypeOf('number');

    const person = { phone };
    const found = (await findPersonalData(t.deps, person)).filter((r) => r.kind === 'incident');
    expect(found.map((r) => r.id)).toEqual([incidentId]);
    expect(found[0]?.data).toMatchObject({ name: '发热访客', trigger: 'door_refusal' });
    expect(found[0]?.data.phone).not.toBe(phone); // masked in what a clerk sees
    const copy = (await exportPersonalData(t.deps, person)).filter((r) => r.kind === 'incident');
    expect(copy[0]?.data.phone).toBe(phone);
    // someone else's phone finds nothing of it
    expect((await findPersonalData(t.deps, { phone: mobile() })).filter((r) => r.kind === 'incident')).toEqual([]);

    const counts = await erasePersonalData(t.deps, person, { actor: null, ctx: { requestId: `erase-${unique()}`, ip: 'local' } });
    expect(counts.prevention).toBe(1);
    const row = await t.deps.db.selectFrom('prevention_incidents').select(['subject_name', 'subject_phone_enc', 'trigger']).where('id', '=', incidentId).executeTakeFirstOrThrow();
    expect(row).toEqual({ subject_name: null, subject_phone_enc: null, trigger: 'door_refusal' });
  });
});
