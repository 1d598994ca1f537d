// Rows become API shapes here, and only here: phone and ID numbers masked unless the caller may
// see them whole (a detail page for officials and the organisation itself).
import { maskPhone } from '../../../shared/checksums.ts';
import type { AgencyRow } from './repository/agencies.ts';
import type { EmployerRow } from './repository/employers.ts';
import type { StaffRow } from './repository/staff.ts';

export function presentAgency(r: AgencyRow, opts: { unmasked: boolean }) {
  return {
    id: r.id,
    name: r.name,
    divisionCode: r.division_code,
    divisionName: r.division_name,
    kind: r.kind as 'public' | 'commercial',
    licenceNo: r.licence_no,
    creditCode: r.credit_code,
    address: r.address,
    responsiblePerson: r.responsible_person,
    responsiblePhone: opts.unmasked ? r.responsible_phone : maskPhone(r.responsible_phone),
    status: r.status as 'active' | 'suspended' | 'closed',
    staffCount: r.staff_count ?? 0,
    createdAt: r.created_at.toISOString(),
  };
}

/** A roster row as lists and exports show it; an erased row (PIPL art. 47: no ID number left) shows no phone either. */
export function presentStaff(r: StaffRow) {
  const erased = r.id_number_masked === '';
  return {
    id: r.id,
    agencyId: r.agency_id,
    name: r.name,
    phone: erased ? '' : maskPhone(r.phone),
    idNumber: r.id_number_masked,
    position: r.position,
    status: r.status as 'active' | 'left',
    createdAt: r.created_at.toISOString(),
  };
}

export function presentEmployer(r: EmployerRow, opts: { unmasked: boolean }) {
  return {
    id: r.id,
    name: r.name,
    creditCode: r.credit_code,
    divisionCode: r.division_code,
    divisionName: r.division_name,
    industryCode: r.industry_code,
    industryName: r.industry_name,
    address: r.address,
    contactName: r.contact_name,
    contactPhone: opts.unmasked ? r.contact_phone : maskPhone(r.contact_phone),
    epidemicSuppliesProducer: r.epidemic_supplies_producer,
    status: r.status as 'active' | 'suspended' | 'closed',
    createdAt: r.created_at.toISOString(),
  };
}
