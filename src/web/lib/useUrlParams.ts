// A list's filters live in the address bar: a filtered list can be reloaded, bookmarked and shared,
// and links elsewhere (a division's "agencies") open it filtered.
import { useSearchParams } from 'react-router';

/** The current search params, and a setter for one of them (empty removes it; history is replaced). */
export function useUrlParams(): [URLSearchParams, (key: string, value: string | undefined) => void] {
  const [params, setParams] = useSearchParams();
  function setParam(key: string, value: string | undefined) {
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (value) next.set(key, value);
        else next.delete(key);
        return next;
      },
      { replace: true },
    );
  }
  return [params, setParam];
}
