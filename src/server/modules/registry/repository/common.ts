// What the registry's repositories share: how PostgreSQL says "taken", and the (division, id) cursor.
import { z } from 'zod';
import { cursorPart } from '../../../http/pagination.ts';

/** PostgreSQL's unique_violation (23505): a credit code or ID number already taken. */
export { isUniqueViolation } from '../../../db/errors.ts';

/** The keyset cursor of lists ordered by (division_code, id). */
export const divisionCursor = z.tuple([cursorPart.divisionCode, cursorPart.id]);
