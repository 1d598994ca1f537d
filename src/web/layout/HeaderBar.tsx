// The header on every signed-in page: who is signed in, as what, where; language; logout.
import { LogoutOutlined, MenuOutlined } from '@ant-design/icons';
import { Button, Grid, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useDivision } from '../api/queries.ts';
import type { Me } from '../api/types.ts';
import { useLogout } from '../auth/useLogout.ts';
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
