// The screening module's part in re-coding a division (decision 0022): declarations and their
// findings move with the agency's county (parents first). Risk areas belong to the province that
// keeps them and stay; an area naming the abolished division is relinked to its successor.
import type { Tx } from '../../db/tx.ts';
import type { Recode, RecodeHook } from '../../platform/module.ts';
import { relinkAreas } from './repository.ts';

export const screeningRecode: RecodeHook = {
  moves: ['screening_declarations', 'screening_findings'],
  stays: {
    risk_areas: "kept by the province (530000), never by a county: the area's own division column is relinked instead",
  },
  relink: async (tx: Tx, r: Recode) => ({ risk_areas: await relinkAreas(tx, r.from, r.to) }),
};
