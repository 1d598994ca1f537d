// Demo incident (issue 8 "Demo data": one open incident that is late): a fever of 王磊 at the 五华区
// agency, detected three hours before the seed ran and never reported, so the county desk sees it
// late and the watcher has escalated it to 昆明市's desk (the province step is due at four hours,
// which a running server's watcher takes up by itself). Opened through the prevention seam and
// escalated by the watcher itself, so notices, outbox rows and audit entries are the real ones.
import type { Deps } from '../deps.ts';
import { openIncident } from '../modules/prevention/service.ts';
import { watchIncidentDeadlines } from '../modules/prevention/incidents.service.ts';

const AGENCY = '昆明五华人力资源服务有限公司';
const SUBJECT = '王磊';

/** Seeds the demo incident once (nothing when an incident exists already, or the demo agency or person is missing). */
export async function seedIncidentsDemo(deps: Deps): Promise<void> {
  if (await deps.db.selectFrom('prevention_incidents').select('id').limit(1).executeTakeFirst()) return;
  const agency = await deps.db.selectFrom('agencies').select(['division_code', 'id']).where('name', '=', AGENCY).executeTakeFirst();
  if (!agency) return;
  const staff = await deps.db.selectFrom('agency_staff').select('id').where('division_code', '=', agency.division_code).where('agency_id', '=', agency.id).where('name', '=', SUBJECT).executeTakeFirst();
  if (!staff) return;
  const detectedAt = new Date(deps.clock.now().getTime() - 3 * 3_600_000);
  await openIncident(deps, {
    divisionCode: agency.division_code,
    agencyId: agency.id,
    subject: { kind: 'staff', staffId: staff.id },
    trigger: 'fever',
    triggerRef: { table: 'demo', id: 'late-fever' },
    detectedAt,
  });
  await watchIncidentDeadlines(deps);
}
