// Field labels attached to schemas: a validation error names the field in the user's words
// ("统一社会信用代码：格式错误…"), whichever module and route the field belongs to. Labels live in a
// zod registry of their own (they stay out of the OpenAPI document), on a copy of the schema, so
// one base schema (a phone) can carry different labels in different places.
import { z } from 'zod';

export type Label = { readonly zh: string; readonly en: string };

const labels = z.registry<Label>();

/** `schema` labelled in both languages (a copy; the original is unchanged). */
export function label<T extends z.ZodType>(schema: T, zh: string, en: string): T {
  const copy = schema.clone() as T;
  labels.add(copy, { zh, en });
  return copy;
}

type Def = { type: string; innerType?: z.ZodType; in?: z.ZodType; getter?: () => z.ZodType; shape?: Record<string, z.ZodType>; element?: z.ZodType; items?: z.ZodType[]; valueType?: z.ZodType; options?: z.ZodType[] };
const defOf = (s: z.ZodType) => (s as unknown as { _zod: { def: Def } })._zod.def;

/** The next schema inside a wrapper (optional, default, pipe, …), or undefined when `s` wraps nothing. */
function inner(s: z.ZodType): z.ZodType | undefined {
  const d = defOf(s);
  if (d.innerType) return d.innerType;
  if (d.type === 'pipe') return d.in;
  if (d.type === 'lazy' && d.getter) return d.getter();
  return undefined;
}

function labelOf(s: z.ZodType): Label | undefined {
  for (let cur: z.ZodType | undefined = s; cur; cur = inner(cur)) {
    const l = labels.get(cur);
    if (l) return l;
  }
  return undefined;
}

function child(s: z.ZodType, key: string): z.ZodType | undefined {
  let cur: z.ZodType | undefined = s;
  while (cur) {
    const d = defOf(cur);
    // own keys only: a field named `toString` or `constructor` is no schema of ours
    if (d.type === 'object') return d.shape && Object.hasOwn(d.shape, key) ? d.shape[key] : undefined;
    if (d.type === 'array') return /^\d+$/.test(key) ? d.element : undefined;
    if (d.type === 'tuple') return d.items?.[Number(key)];
    if (d.type === 'record') return d.valueType;
    if (d.type === 'union') return d.options?.map((o) => child(o, key)).find(Boolean);
    cur = inner(cur);
  }
  return undefined;
}

/** The label of the field at `path` ('creditCode', 'rows.3.code') inside `schema`, if it has one. */
export function labelAt(schema: unknown, path: readonly string[]): Label | undefined {
  if (!(schema instanceof z.ZodType)) return undefined;
  let cur: z.ZodType | undefined = schema;
  for (const key of path) {
    cur = cur && child(cur, key);
    if (!(cur instanceof z.ZodType)) return undefined;
  }
  return cur === schema ? undefined : labelOf(cur);
}

/** Every field path of an object schema with its label (or undefined), one level of arrays deep: for the label test. */
export function fieldsOf(schema: unknown, prefix: string[] = []): { path: string[]; label: Label | undefined }[] {
  if (!(schema instanceof z.ZodType)) return [];
  let cur: z.ZodType | undefined = schema;
  while (cur && defOf(cur).type !== 'object') {
    const d = defOf(cur);
    cur = d.type === 'array' ? d.element : inner(cur);
  }
  if (!cur) return [];
  const out: { path: string[]; label: Label | undefined }[] = [];
  for (const [key, field] of Object.entries(defOf(cur).shape ?? {})) {
    const path = [...prefix, key];
    out.push({ path, label: labelOf(field) });
    out.push(...fieldsOf(field, path));
  }
  return out;
}
