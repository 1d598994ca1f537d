// 减少动态效果: a person whose system asks for less motion (prefers-reduced-motion: reduce, the
// "reduce motion" / "remove animations" setting of Windows, macOS, iOS and Android) gets the desks
// without antd's animations — dialogs zooming in, menus sliding open — as WCAG 2.1 success
// criterion 2.3.3 (Animation from Interactions) asks. The browser tests ask for it too
// (test/e2e/browser.ts): a click never lands on a dialog still on its way in.
import type { ThemeConfig } from 'antd';
import { useSyncExternalStore } from 'react';

export const REDUCED_MOTION_QUERY = '(prefers-reduced-motion: reduce)';

type MatchMedia = (query: string) => Pick<MediaQueryList, 'matches' | 'addEventListener' | 'removeEventListener'>;

/** True when the system asks for less motion; false where there is no `matchMedia` (no browser). */
export function prefersReducedMotion(matchMedia: MatchMedia | undefined = globalThis.window?.matchMedia?.bind(window)): boolean {
  return matchMedia?.(REDUCED_MOTION_QUERY).matches ?? false;
}

function subscribe(onChange: () => void): () => void {
  const query = window.matchMedia(REDUCED_MOTION_QUERY);
  query.addEventListener('change', onChange);
  return () => query.removeEventListener('change', onChange);
}

/** The system's request for less motion, followed as it changes (the setting switched while the desk is open). */
export function useReducedMotion(): boolean {
  return useSyncExternalStore(subscribe, () => prefersReducedMotion(), () => false);
}

/**
 * The desks' antd theme: the colours, and `token.motion` false when less motion is asked for —
 * antd then renders every component without its transition classes (ant-zoom, ant-fade,
 * ant-slide-up, …), so a dialog or a dropdown stands where it ends at once.
 */
export function deskTheme(reducedMotion: boolean): ThemeConfig {
  return { token: { colorPrimary: '#0b5cad', borderRadius: 6, motion: !reducedMotion } };
}
