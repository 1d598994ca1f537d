// The CLI's help text names the parts and defaults the modules define.
import { describe, expect, it } from 'vitest';
import { DIGEST_BATCH } from '../server/modules/alerts/service.ts';
import { PARTS } from '../server/seed/scale/index.ts';
import { DIGEST_BATCH_HELP, SCALE_PART_NAMES } from './help.ts';

describe('the CLI help text', () => {
  it('lists the scale seed\'s parts in order and the digest\'s batch size as the modules define them', () => {
    expect(SCALE_PART_NAMES).toEqual(PARTS.map((p) => p.name));
    expect(DIGEST_BATCH_HELP).toBe(String(DIGEST_BATCH));
  });
});
