// The matcher's contract (issue 12): ids are JSON numbers; a result is `{ id, score, reasons }`
// (score in [0, 1], reasons `{ code, text }` from REASON_CODES in the caller's language) with what
// a list shows beside it.
import { z } from 'zod';
import { pathId } from '../../http/bodies.ts';
import { wholeNumber } from '../../platform/fields.ts';
import { label } from '../../platform/labels.ts';
import { REASON_CODES } from './score.ts';

export const idParam = z.object({ id: label(pathId, '编号', 'id') });
export const matchesQuery = z.strictObject({ limit: label(wholeNumber(1, 50), '条数', 'how many').default(20) });

const reason = z.object({ code: z.enum(REASON_CODES), text: z.string() });

export const seekerMatches = z.object({
  /** false: the seeker switched automated recommendations off (PIPL art. 24); nothing is computed and `items` is empty. */
  recommendations: z.boolean(),
  items: z.array(
    z.object({
      /** The posting's id. */
      id: z.number().int(),
      score: z.number().min(0).max(1),
      reasons: z.array(reason),
      posting: z.object({
        /** The public page's code: /m/jobs/{publicCode}. */
        publicCode: z.string(),
        title: z.string(),
        employerName: z.string(),
        divisionCode: z.string(),
        salaryMin: z.number().nullable(),
        salaryMax: z.number().nullable(),
        salaryUnit: z.string().nullable(),
        publishedAt: z.string(),
      }),
    }),
  ),
});

export const postingMatches = z.object({
  items: z.array(
    z.object({
      /** The job seeker's id. */
      id: z.number().int(),
      score: z.number().min(0).max(1),
      reasons: z.array(reason),
      seeker: z.object({
        /** The surname only for an employer; the name for the agency the seeker authorised. */
        name: z.string(),
        divisionCode: z.string(),
        /** education_levels.rank (8 博士 … 1 小学及以下). */
        educationRank: z.number().int().nullable(),
        experienceYears: z.number().int().nullable(),
        skills: z.string().nullable(),
        /** The seeker authorised the calling agency (an agency may refer them). */
        authorisedUs: z.boolean(),
      }),
    }),
  ),
});
