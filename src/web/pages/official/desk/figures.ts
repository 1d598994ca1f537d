// The figures a desk line carries that the map and chart can be coloured by, and how each reads.
import type { paths } from '../../../api/schema.d.ts';

type Ok<Op> = Op extends { responses: { 200: { content: { 'application/json': infer T } } } } ? T : never;
export type Desk = Ok<paths['/api/v1/prevention/desk']['get']>;
export type DeskLine = Desk['lines'][number];
export type DeskMapAnswer = Ok<paths['/api/v1/prevention/desk/map']['get']>;

/** Figures to colour by: [key, higher is worse]. */
export const COLOUR_FIGURES = [
  ['checkinRate', false],
  ['checkinMissing', true],
  ['incidentsOpen', true],
  ['incidentsLate', true],
  ['agenciesWithGaps', true],
  ['agenciesWithoutPlan', true],
  ['agenciesLowStock', true],
  ['hygieneMissed', true],
  ['occupancyNow', true],
] as const;
export type ColourFigure = (typeof COLOUR_FIGURES)[number][0];

export function isColourFigure(v: string | null): v is ColourFigure {
  return COLOUR_FIGURES.some(([k]) => k === v);
}

/** A line's value of a figure (the rate as a percentage), null where it has none. */
export function figureOf(line: Pick<DeskLine, ColourFigure>, figure: ColourFigure): number | null {
  const v = line[figure];
  if (v === null) return null;
  return figure === 'checkinRate' ? Math.round(v * 1000) / 10 : v;
}

export const higherIsWorse = (figure: ColourFigure) => COLOUR_FIGURES.find(([k]) => k === figure)?.[1] ?? true;
