// A membership as people recognise it: the role, then where (the division, and the agency or
// employer for those roles). Job seekers have neither: the role alone.
import type { TFunction } from 'i18next';
import type { Membership } from '../api/types.ts';

/** The place part ('五华区 · 云南某某人力资源有限公司'), or '' for a membership without one. */
export function membershipPlace(m: Pick<Membership, 'divisionName' | 'organisationName'>): string {
  return [m.divisionName, m.organisationName].filter(Boolean).join(' · ');
}

/** Role and place on one line, for menus. */
export function membershipLine(t: TFunction, m: Membership): string {
  return [t(`auth:role.${m.role}`), membershipPlace(m)].filter(Boolean).join(' · ');
}

/** Role (strong) over the place, for the picker. */
export function MembershipLabel({ t, m }: { t: TFunction; m: Membership }) {
  const place = membershipPlace(m);
  return (
    <span style={{ display: 'inline-flex', flexDirection: 'column', lineHeight: 1.5 }}>
      <strong data-testid="membership-role">{t(`auth:role.${m.role}`)}</strong>
      {place && (
        <span data-testid="membership-place" style={{ color: '#595959', fontSize: 13 }}>
          {place}
        </span>
      )}
    </span>
  );
}
