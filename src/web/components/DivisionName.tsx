// A division's name from its code (through the cached sibling list); the code until it is known.
import { useDivision } from '../api/queries.ts';

export function DivisionName({ code }: { code: string }) {
  const d = useDivision(code).division;
  return <span data-code={code}>{d?.name ?? code}</span>;
}
