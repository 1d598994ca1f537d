import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { api, unwrap } from '../api/client.ts';
import type { Me } from '../api/types.ts';
import { deskPath } from './entry.ts';

/**
 * Switches the session to another of the person's memberships (POST /auth/membership, no new
 * sign-in) and lands on that role's desk (`from` when it lies there). What was cached for the old
 * role is dropped: another role sees other data. Throws the server's ApiError (404
 * membership_not_found when it was disabled meanwhile); the caller shows it.
 */
export function useSwitchMembership(): (membershipId: number, from?: string) => Promise<Me> {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  return async (membershipId, from) => {
    const me = await unwrap(api.POST('/api/v1/auth/membership', { body: { membershipId } }));
    queryClient.clear();
    queryClient.setQueryData(['me'], me);
    await navigate(deskPath(me.role, from), { replace: true });
    return me;
  };
}
