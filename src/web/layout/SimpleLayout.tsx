// A light, phone-first frame for staff, employers and job seekers: a header and one column.
import { Layout } from 'antd';
import { Suspense } from 'react';
import { Outlet } from 'react-router';
import { useMe } from '../api/queries.ts';
import { PageLoading } from '../components/PageLoading.tsx';
import { HeaderBar } from './HeaderBar.tsx';

export default function SimpleLayout() {
  const me = useMe().data;
  if (!me) return null;
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header style={{ background: '#0b5cad', paddingInline: 12, height: 56, lineHeight: 'normal' }}>
        <HeaderBar me={me} />
      </Layout.Header>
      <Layout.Content style={{ padding: 12, width: '100%', maxWidth: 640, margin: '0 auto' }}>
        <Suspense fallback={<PageLoading />}>
          <Outlet />
        </Suspense>
      </Layout.Content>
    </Layout>
  );
}
