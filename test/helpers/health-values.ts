// Leak checks for health data (PIPL art. 28): are temperatures or symptoms anywhere in a value?

/**
 * The health values found anywhere in `value` (an audit detail, a response body): every leaf of the
 * parsed JSON that is one of `temperatures` (as a number, or a string that reads as that number) or
 * a string holding one of `words`. Leaves, not the printed text: a timestamp such as
 * "10:46:36.407Z" holds "36.4" as text and is no temperature (the match on text failed CI when the
 * wall clock's milliseconds read so).
 */
export function healthValuesIn(value: unknown, temperatures: readonly number[], words: readonly string[] = []): unknown[] {
  const found: unknown[] = [];
  const walk = (v: unknown): void => {
    if (typeof v === 'string' && v.trim().startsWith('{')) {
      try {
        walk(JSON.parse(v));
        return;
      } catch {
        // plain text that starts with a brace: checked as a string below
      }
    }
    if (Array.isArray(v)) for (const x of v) walk(x);
    else if (v !== null && typeof v === 'object') for (const x of Object.values(v)) walk(x);
    else if (typeof v === 'number' && temperatures.includes(v)) found.push(v);
    else if (typeof v === 'string' && (temperatures.includes(Number(v.trim())) && v.trim() !== '' || words.some((w) => v.includes(w)))) found.push(v);
  };
  walk(value);
  return found;
}
