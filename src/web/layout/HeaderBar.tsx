// The header on every signed-in page: who is signed in, as what, where; the switch to the
// person's other memberships; language; logout.
import { LogoutOutlined, MenuOutlined, SwapOutlined } from '@ant-design/icons';
import { App, Button, Dropdown, Grid, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDivision } from '../api/queries.ts';
import type { Me } from '../api/types.ts';
import { useLogout } from '../auth/useLogout.ts';
import { useSwitchMembership } from '../auth/useSwitchMembership.ts';
import { membershipLine } from '../components/MembershipLabel.tsx';
import { LanguageSwitch } from './LanguageSwitch.tsx';

/** `showName`: on a phone the desk layouts move the name into the drawer to keep the bar uncluttered. */
export function HeaderBar({ me, onMenu, showName = true }: { me: Me; onMenu?: () => void; showName?: boolean }) {
  const { t } = useTranslation();
  const screens = Grid.useBreakpoint();
  const logout = useLogout();
  const { division } = useDivision(me.divisionCode);
  const wide = Boolean(screens.md);
  return (
    <div
      style={{
        display: 'flex',
        alignItems: 'center',
        gap: 12,
        height: '100%',
        color: '#fff',
        minWidth: 0,
      }}
    >
      {onMenu && (
        <Button
          type="text"
          aria-label={t('common:nav.menu')}
          data-testid="menu-button"
          icon={<MenuOutlined style={{ color: '#fff', fontSize: 18 }} />}
          onClick={onMenu}
        />
      )}
      <Typography.Text strong style={{ color: '#fff', fontSize: 17, whiteSpace: 'nowrap' }}>
        {t('common:app.name')}
      </Typography.Text>
      {wide && (
        <Typography.Text style={{ color: 'rgba(255,255,255,.75)', whiteSpace: 'nowrap' }}>
          {t('common:app.tagline')}
        </Typography.Text>
      )}
      <div style={{ flex: 1 }} />
      <div data-testid="whoami" style={{ display: 'flex', alignItems: 'center', gap: 6, minWidth: 0 }}>
        {(wide || showName) && (
          <span
            data-testid="display-name"
            title={me.displayName}
            style={{ whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis', maxWidth: wide ? 220 : 96 }}
          >
            {me.displayName}
          </span>
        )}
        <Tag data-testid="role-label" color="gold" style={{ marginInlineEnd: 0 }}>
          {t(`auth:role.${me.role}`)}
        </Tag>
        {wide && division && (
          <Tag data-testid="division-name" color="blue" style={{ marginInlineEnd: 0 }}>
            {division.name}
          </Tag>
        )}
      </div>
      {me.memberships.length > 1 && <MembershipSwitch me={me} wide={wide} />}
      <LanguageSwitch ghost compact={!wide} />
      <Button
        size="small"
        ghost
        data-testid="logout"
        icon={<LogoutOutlined />}
        aria-label={t('common:nav.logout')}
        onClick={() => void logout()}
      >
        {wide ? t('common:nav.logout') : null}
      </Button>
    </div>
  );
}

/**
 * The person's other memberships in a menu: choosing one switches the session to it (no new
 * sign-in) and opens that role's desk.
 */
function MembershipSwitch({ me, wide }: { me: Me; wide: boolean }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const switchTo = useSwitchMembership();
  const [busy, setBusy] = useState(false);
  const others = me.memberships.filter((m) => m.id !== me.membershipId);
  return (
    <Dropdown
      trigger={['click']}
      disabled={busy}
      menu={{
        items: [
          {
            type: 'group',
            label: t('auth:switch.menuTitle'),
            children: others.map((m) => ({
              key: String(m.id),
              label: (
                <span data-testid="switch-option" data-role={m.role} data-id={m.id}>
                  {membershipLine(t, m)}
                </span>
              ),
            })),
          },
        ],
        onClick: ({ key }) => {
          setBusy(true);
          switchTo(Number(key))
            .catch((e: unknown) => void message.error(e instanceof Error ? e.message : String(e)))
            .finally(() => setBusy(false));
        },
      }}
    >
      <Button size="small" ghost loading={busy} data-testid="membership-switch" icon={<SwapOutlined />} aria-label={t('auth:switch.button')}>
        {wide ? t('auth:switch.button') : null}
      </Button>
    </Dropdown>
  );
}
