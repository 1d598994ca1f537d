// Incidents on the desks (issue 8 P4): the 五华区 agency confirms the report of a fever incident,
// the 五华区 bureau finds it on its list, sees the report on its inbox and records the isolation;
// the timeline shows each step with its time and who recorded it, and no health value.
import { describe, expect, it } from 'vitest';
import * as preventionRepo from '../../src/server/modules/prevention/repository.ts';
import { systemScope } from '../../src/server/db/scope.ts';
import { browserPerFile, openAs } from './browser.ts';
import { DATABASE_URL, withDb } from './db.ts';

const withPage = browserPerFile();

/** A fresh fever incident of the 五华区 demo agency's 赵丽, detected now, as the check-in would open it. */
async function freshIncident(): Promise<number> {
  return withDb(async (db) => {
    const agency = await db.selectFrom('agencies').select(['division_code', 'id']).where('name', '=', '昆明五华人力资源服务有限公司').executeTakeFirstOrThrow();
    const staff = await db.selectFrom('agency_staff').select('id').where('division_code', '=', agency.division_code).where('agency_id', '=', agency.id).where('name', '=', '赵丽').executeTakeFirstOrThrow();
    const now = new Date();
    const k = await preventionRepo.insertIncident(db, { division_code: agency.division_code, agency_id: agency.id, subject_kind: 'staff', staff_id: staff.id, subject_name: '赵丽', subject_phone_enc: null, trigger: 'fever', trigger_table: 'e2e', trigger_id: `e2e-${now.getTime()}`, detected_at: now, stage_at: now, detail: null, trigger_retention_days: 30, created_at: now });
    if (!k) throw new Error('incident not created');
    await preventionRepo.insertStep(db, preventionRepo.incidentKey(systemScope('e2e fixture'), k), { stage: 'detected', at: now, by_account: null, by_name: null, note: null });
    return k.id;
  });
}

describe.skipIf(!DATABASE_URL)('incidents on the desks', () => {
  it('the agency confirms the report; the county finds it, reads the notice and records the isolation', async () => {
    const id = await freshIncident();

    await withPage(async (page) => {
      await openAs(page, 'agency-wh', '/agency/incidents?stage=detected');
      await page.getByTestId('incident-link').first().waitFor();
      await expect.poll(() => page.getByTestId('incident-link').allTextContents()).toContain(String(id));
      await page.goto(`/agency/incidents/${id}`);
      await page.getByTestId('incident-stage').first().waitFor();
      await expect.poll(() => page.getByTestId('incident-stage').first().getAttribute('data-stage')).toBe('detected');
      // the agency may confirm the report, nothing the county records
      expect(await page.getByTestId('record-isolated').count()).toBe(0);
      await page.getByTestId('record-reported').click();
      await page.getByTestId('confirm-step').click();
      await expect.poll(() => page.locator('[data-testid="incident-step"][data-stage="reported"]').count()).toBe(1);
      expect(await page.locator('[data-testid="incident-step"][data-stage="reported"]').textContent()).toContain('李建华');
      expect(await page.locator('body').textContent()).not.toMatch(/℃|°C|体温/);
    });

    await withPage(async (page) => {
      await openAs(page, 'wh', '/gov/incidents?stage=reported');
      await page.getByTestId('incident-link').first().waitFor();
      await expect.poll(() => page.getByTestId('incident-link').allTextContents()).toContain(String(id));
      await page.goto('/gov/inbox?unread=true');
      await page.getByTestId('inbox-notice').first().waitFor();
      await expect.poll(() => page.locator('[data-testid="inbox-notice"][data-kind="incident_stage"]').count()).toBeGreaterThan(0);
      await page.goto(`/gov/incidents/${id}`);
      await page.getByTestId('record-isolated').waitFor();
      expect(await page.getByTestId('record-reported').count()).toBe(0);
      await page.getByTestId('incident-note').fill('已安排集中隔离观察');
      await page.getByTestId('record-isolated').click();
      await page.getByTestId('confirm-step').click();
      await expect.poll(() => page.getByTestId('incident-stage').first().getAttribute('data-stage')).toBe('isolated');
      await expect.poll(() => page.getByTestId('incident-step').count()).toBe(3);
      const steps = await page.getByTestId('incident-step').allTextContents();
      expect(steps[2]).toContain('已安排集中隔离观察');
      // the next stage is the county's to record, offered now
      await expect.poll(() => page.getByTestId('record-diagnosed').count()).toBe(1);
    });
  });

  it('a visitor\'s incident whose subject was erased (the visit\'s retention passed) shows （已删除） and the venue, takes no note, and still moves', async () => {
    const id = await withDb(async (db) => {
      const agency = await db.selectFrom('agencies').select(['division_code', 'id']).where('name', '=', '昆明五华人力资源服务有限公司').executeTakeFirstOrThrow();
      const at = new Date(Date.now() - 30 * 86_400_000);
      const k = await preventionRepo.insertIncident(db, { division_code: agency.division_code, agency_id: agency.id, subject_kind: 'visitor', staff_id: null, subject_name: null, subject_phone_enc: null, trigger: 'door_refusal', trigger_table: 'e2e', trigger_id: `e2e-visitor-${at.getTime()}`, detected_at: at, stage_at: at, detail: { venueId: 1, venueName: 'E2E 五华区服务大厅' }, trigger_retention_days: 28, created_at: at });
      if (!k) throw new Error('incident not created');
      await preventionRepo.insertStep(db, preventionRepo.incidentKey(systemScope('e2e fixture'), k), { stage: 'detected', at, by_account: null, by_name: null, note: null });
      await db.updateTable('prevention_incidents').set({ erased_at: new Date() }).where('division_code', '=', k.division_code).where('id', '=', k.id).execute();
      return k.id;
    });
    await withPage(async (page) => {
      await openAs(page, 'wh', `/gov/incidents/${id}`);
      await page.getByTestId('record-ruled_out').waitFor();
      const body = await page.locator('body').textContent();
      expect(body).toContain('（已删除）');
      expect(await page.getByTestId('incident-context').textContent()).toBe('E2E 五华区服务大厅');
      expect(await page.getByTestId('incident-note').count()).toBe(0);
      expect(await page.getByTestId('incident-note-erased').textContent()).toContain('不再记录备注');
      await page.getByTestId('record-ruled_out').click();
      await page.getByTestId('confirm-step').click();
      await expect.poll(() => page.getByTestId('incident-stage').first().getAttribute('data-stage')).toBe('ruled_out');
    });
  });

  it('a bureau sets its duty phone on its inbox page', async () => {
    await withPage(async (page) => {
      await openAs(page, 'pl', '/gov/inbox');
      await page.getByTestId('duty-phone-input').waitFor();
      await page.getByTestId('duty-phone-input').fill('137 0000 8888');
      await page.getByTestId('duty-phone-save').click();
      await expect.poll(() => page.getByTestId('duty-phone-current').textContent()).toContain('13700008888');
    });
  });
});
