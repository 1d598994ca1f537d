// Gate for a desk: no session → login; another role's desk → that user's own home.
import { Alert } from 'antd';
import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { useMe } from '../api/queries.ts';
import { PageLoading } from '../components/PageLoading.tsx';
import { type Desk, deskOf, homeOf } from './roles.ts';

export function RequireDesk({ desk, children }: { desk: Desk; children: ReactNode }) {
  const me = useMe();
  const location = useLocation();
  if (me.isPending) return <PageLoading />;
  if (me.isError) return <Alert type="error" showIcon title={me.error.message} style={{ margin: 24 }} />;
  if (!me.data) return <Navigate to="/login" replace state={{ from: location.pathname + location.search }} />;
  if (deskOf(me.data.role) !== desk) return <Navigate to={homeOf(me.data.role)} replace />;
  return <>{children}</>;
}
