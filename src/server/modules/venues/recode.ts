// The venues module's part in re-coding a division (decision 0022): venues and everything hanging
// off them move with their ids, parents first; the province-wide printed codes follow their venues.
import type { Tx } from '../../db/tx.ts';
import type { Recode, RecodeHook } from '../../platform/module.ts';
import { relinkCodes } from './repository/venues.ts';

export const venuesRecode: RecodeHook = {
  moves: ['venues', 'hygiene_logs', 'hygiene_misses', 'venue_slots', 'bookings', 'visits', 'venue_occupancy', 'venue_daily_counts'],
  relink: async (tx: Tx, r: Recode) => ({ venue_codes: await relinkCodes(tx, r.from, r.to) }),
};
