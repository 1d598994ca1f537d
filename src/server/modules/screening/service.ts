// The screening module's public surface (issue 8 P2, decision 0027): the province's risk areas,
// staff declarations matched against them, the agency's follow-ups, and per-agency figures for the
// bureau desk (`screeningFigures`). Other modules call these, never the repository.
export * from './declarations.service.ts';
export * from './risk-areas.service.ts';
