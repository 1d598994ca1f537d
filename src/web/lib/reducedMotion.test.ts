// The desks' antd theme follows the system's request for less motion (prefers-reduced-motion).
// The browser side — a dialog opened with less motion asked for carries no ant-zoom class — is
// test/e2e/accounts-desk.e2e.test.ts.
import { describe, expect, it } from 'vitest';
import { deskTheme, prefersReducedMotion, REDUCED_MOTION_QUERY } from './reducedMotion.ts';

/** A matchMedia answering `reduce` for the reduced-motion query, recording what it was asked. */
function fakeMatchMedia(reduce: boolean) {
  const asked: string[] = [];
  const matchMedia = (query: string) => {
    asked.push(query);
    return { matches: query === '(prefers-reduced-motion: reduce)' && reduce, addEventListener: () => {}, removeEventListener: () => {} };
  };
  return { asked, matchMedia };
}

describe('reduced motion on the desks', () => {
  it('asks the browser for (prefers-reduced-motion: reduce) and answers what it says', () => {
    const reduce = fakeMatchMedia(true);
    expect(prefersReducedMotion(reduce.matchMedia)).toBe(true);
    expect(reduce.asked).toEqual(['(prefers-reduced-motion: reduce)']);
    expect(REDUCED_MOTION_QUERY).toBe('(prefers-reduced-motion: reduce)');
    expect(prefersReducedMotion(fakeMatchMedia(false).matchMedia)).toBe(false);
  });

  it('counts no browser (no matchMedia) as no request', () => {
    expect(prefersReducedMotion()).toBe(false); // node: no window
  });

  it('turns antd motion off in the theme when less motion is asked for, and keeps the colours', () => {
    expect(deskTheme(true).token).toEqual({ colorPrimary: '#0b5cad', borderRadius: 6, motion: false });
    expect(deskTheme(false).token).toEqual({ colorPrimary: '#0b5cad', borderRadius: 6, motion: true });
  });
});
