// The NUL guard reads fields, not files: an uploaded workbook's bytes are never walked index by
// index (an 8 MB body made 8 million entries: 3 GB and a minute of the event loop, bench `upload`).
import { describe, expect, it } from 'vitest';
import { findNul } from './input.ts';

describe('findNul on a file body', () => {
  it('does not walk a Buffer or typed array, whatever it carries', () => {
    const file = Object.assign(Buffer.from([0x50, 0x4b, 0, 0]), { extra: 'a\u0000b' });
    expect(findNul(file)).toBeNull();
    expect(findNul(Object.assign(new Uint8Array(4), { extra: '\u0000' }))).toBeNull();
    expect(findNul({ name: 'a\u0000b' })).toEqual(['name']);
  });
});
