// The seekers module's public surface: what routes, other modules and the CLI may call.
export { applicantsOf, availableSeekersByOccupation, ownProfileKey, referableSeeker } from './seekers.service.ts';
export { authoriseAgency, derivedFromId, getOwnProfile, getSeeker, listAuthorisations, listSeekers, owningDivision, register, renewRegistration, revokeAuthorisation, saveProfile } from './seekers.service.ts';
export { closeRegistration, consentToNotice, currentNoticeVersion, seekerNotice } from './consent.service.ts';
export { DEFAULT_VALID_DAYS, MAX_VALID_DAYS, registrationExpired } from './access.ts';
export { locateSeeker } from './locate.ts';
export { seekersPersonalData } from './personal-data.ts';
