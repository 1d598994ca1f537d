import { ApartmentOutlined, BankOutlined, HomeOutlined, ShopOutlined, TeamOutlined } from '@ant-design/icons';
import type { ReactNode } from 'react';
import type { Desk } from '../auth/roles.ts';

export type MenuEntry = { path: string; labelKey: string; icon: ReactNode };

export const MENUS: Record<Exclude<Desk, 'self'>, MenuEntry[]> = {
  official: [
    { path: '/gov', labelKey: 'registry:nav.overview', icon: <HomeOutlined /> },
    { path: '/gov/divisions', labelKey: 'registry:nav.divisions', icon: <ApartmentOutlined /> },
    { path: '/gov/agencies', labelKey: 'registry:nav.agencies', icon: <BankOutlined /> },
    { path: '/gov/employers', labelKey: 'registry:nav.employers', icon: <ShopOutlined /> },
  ],
  agency: [
    { path: '/agency', labelKey: 'registry:nav.myAgency', icon: <BankOutlined /> },
    { path: '/agency/staff', labelKey: 'registry:nav.roster', icon: <TeamOutlined /> },
  ],
};

/** The menu entry a location belongs to: the longest path that prefixes it. */
export function selectedEntry(entries: MenuEntry[], pathname: string): string | undefined {
  return entries
    .filter((e) => pathname === e.path || pathname.startsWith(`${e.path}/`))
    .sort((a, b) => b.path.length - a.path.length)[0]?.path;
}
