// The seekers module's public surface: what routes, other modules and the CLI may call.
export { applicantsOf, ownProfileKey, referableSeeker } from './seekers.service.ts';
export { authoriseAgency, derivedFromId, getOwnProfile, getSeeker, listAuthorisations, listSeekers, owningDivision, register, revokeAuthorisation, saveProfile } from './seekers.service.ts';
export { locateSeeker } from './locate.ts';
export { seekersPersonalData } from './personal-data.ts';
