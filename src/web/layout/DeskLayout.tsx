// The working desk for officials and agency admins: side menu on wide screens, a drawer on phones;
// the menu is the desk's route table (routes.tsx) as the user's role sees it.
import { Drawer, Grid, Layout, Menu } from 'antd';
import { Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Outlet, useLocation, useNavigate } from 'react-router';
import { useDivision, useMe } from '../api/queries.ts';
import type { Desk } from '../auth/roles.ts';
import { PageLoading } from '../components/PageLoading.tsx';
import { menuOf, selectedItem } from '../routes.tsx';
import { HeaderBar } from './HeaderBar.tsx';

const HEADER_BG = '#0b5cad';

export default function DeskLayout({ desk }: { desk: Exclude<Desk, 'self'> }) {
  const { t } = useTranslation();
  const me = useMe().data;
  const screens = Grid.useBreakpoint();
  const location = useLocation();
  const navigate = useNavigate();
  const [drawerOpen, setDrawerOpen] = useState(false);
  const phone = !screens.lg;
  const division = useDivision(me?.divisionCode).division;

  if (!me) return null;
  const items = menuOf(desk, me.role);
  const selected = selectedItem(items, location.pathname);

  const menu = (
    <Menu
      data-testid="main-menu"
      mode="inline"
      selectedKeys={selected ? [selected] : []}
      items={items.map((e) => ({ key: e.path, icon: e.icon, label: t(e.label) }))}
      onClick={({ key }) => {
        setDrawerOpen(false);
        void navigate(key);
      }}
      style={{ borderInlineEnd: 'none' }}
    />
  );

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header
        style={{
          background: HEADER_BG,
          paddingInline: phone ? 8 : 20,
          position: 'sticky',
          top: 0,
          zIndex: 10,
          height: 56,
          lineHeight: 'normal',
        }}
      >
        <HeaderBar me={me} onMenu={phone ? () => setDrawerOpen(true) : undefined} showName={!phone} />
      </Layout.Header>
      <Layout>
        {!phone && (
          <Layout.Sider width={208} theme="light" style={{ borderInlineEnd: '1px solid #eef0f3' }}>
            {menu}
          </Layout.Sider>
        )}
        {phone && (
          <Drawer
            placement="left"
            size={240}
            open={drawerOpen}
            onClose={() => setDrawerOpen(false)}
            title={
              <div style={{ lineHeight: 1.4 }}>
                <div data-testid="drawer-name">{me.displayName}</div>
                <div style={{ fontSize: 12, fontWeight: 400, color: '#888' }}>
                  {t(`auth:role.${me.role}`)}
                  {division ? ` · ${division.name}` : ''}
                </div>
              </div>
            }
            styles={{ body: { padding: 0 } }}
          >
            {menu}
          </Drawer>
        )}
        <Layout.Content style={{ padding: phone ? 12 : 24, minWidth: 0 }}>
          {/* a page still downloading: a spinner where it goes, header and menu stay */}
          <Suspense fallback={<PageLoading />}>
            <Outlet />
          </Suspense>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
