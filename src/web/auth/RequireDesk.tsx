// Gate for a desk: no session → login; a one-time password still in use → changing it; another
// role's desk → that user's own home.
import { Alert } from 'antd';
import type { ReactNode } from 'react';
import { Navigate, useLocation } from 'react-router';
import { useMe } from '../api/queries.ts';
import type { Role } from '../api/types.ts';
import { PageLoading } from '../components/PageLoading.tsx';
import { PASSWORD_PATH } from './entry.ts';
import { type Desk, deskOf, homeOf } from './roles.ts';
import { isSignedOut } from './useLogout.ts';

export function RequireDesk({ desk, children }: { desk: Desk; children: ReactNode }) {
  const me = useMe();
  const location = useLocation();
  if (me.isPending) return <PageLoading />;
  if (me.isError) return <Alert type="error" showIcon title={me.error.message} style={{ margin: 24 }} />;
  // an expired session comes back here after signing in again; a sign-out does not
  if (!me.data) return <Navigate to="/login" replace state={isSignedOut() ? undefined : { from: location.pathname + location.search }} />;
  if (me.data.mustChangePassword) return <Navigate to={PASSWORD_PATH} replace state={{ from: location.pathname + location.search }} />;
  if (deskOf(me.data.role) !== desk) return <Navigate to={homeOf(me.data.role)} replace />;
  return <>{children}</>;
}

/** Gate for one page of a desk that only some of its roles may open (inside RequireDesk). */
export function RequireRole({ roles, children }: { roles: readonly Role[] | undefined; children: ReactNode }) {
  const role = useMe().data?.role;
  if (roles && role && !roles.includes(role)) return <Navigate to={homeOf(role)} replace />;
  return <>{children}</>;
}
