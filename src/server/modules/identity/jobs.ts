// Binds identity's job contracts to their handlers.
import { bindJob } from '../../jobs/contract.ts';
import { purgeSignInStateContract, sendLoginCodeContract } from './schemas.ts';
import { deliverLoginCode, purgeSignInState } from './service.ts';

export const identityJobs = [
  bindJob(purgeSignInStateContract, async (deps) => {
    const purged = await purgeSignInState(deps);
    deps.log.debug({ purged }, 'sign-in state purged');
  }),
  bindJob(sendLoginCodeContract, deliverLoginCode),
];
