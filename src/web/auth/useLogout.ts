import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from 'react-router';
import { api, expectOk } from '../api/client.ts';

export function useLogout(): () => Promise<void> {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  return async () => {
    try {
      await expectOk(api.POST('/api/v1/auth/logout'));
    } finally {
      queryClient.clear();
      queryClient.setQueryData(['me'], null);
      await navigate('/login', { replace: true });
    }
  };
}
