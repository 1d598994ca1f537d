// fast-check arbitraries derived from the OpenAPI document's JSON Schemas (the subset the zod
// route schemas produce: object, string, integer, number, boolean, array, enum, pattern, lengths,
// bounds, anyOf and type lists). `validOf` draws values the schema accepts (with domain values for
// fields whose rule lives in a refinement, such as check digits: see `Hints`); `invalidOf` draws
// values it should refuse: wrong types, missing and unknown fields, huge strings, NUL, control and
// invisible characters, full-width digits, numbers out of range, fractional and negative numbers,
// bad dates, arrays where objects go.
import fc from 'fast-check';

export type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  enum?: unknown[];
  minimum?: number;
  maximum?: number;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  default?: unknown;
  format?: string;
};

/** Domain values per property name, for fields whose real rule (check digits, codes) is not in the schema. */
export type Hints = Record<string, fc.Arbitrary<unknown>>;

/** Characters that have broken systems like this one: NUL, C0/C1 controls, invisible and direction marks, lone surrogates. */
export const SPECIAL_CHARS = [
  '\u0000', '\u0001', '\u0008', '\t', '\n', '\r', '\u001b', '\u001f', '\u007f', '\u0085', '\u00a0', '\u00ad',
  '\u200b', '\u200c', '\u200d', '\u200e', '\u200f', '\u2028', '\u2029', '\u202a', '\u202e', '\u2060', '\u2066', '\u2069',
  '\u3000', '\ufeff', '\ufffd', '\ufffe', '\ud800', '\udfff', '\u{1f600}', '\u0301', '\\', '"', "'", '%', '_', '*',
];

/** Whole strings worth trying anywhere a string goes. */
export const NASTY_STRINGS = [
  '', ' ', '   ', '\u3000', '\u0000', 'a\u0000b', '\u200b', 'x\u202egnp.exe', '\ufeffBOM', 'null', 'undefined', 'true', 'NaN',
  'Infinity', '-Infinity', '0', '-1', '1.5', '1e3', '1e309', '0x10', '+1', '01', ' 1', '9007199254740992', '18446744073709551616',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a template placeholder is the input being tried
  '１２３４５６', '１３８００１３８０００', 'ＡＢＣ', '９１５３０１０２ＭＡ０００００１Ｘ', '五三〇一〇二', "' or 1=1 --", '%', '_', '\\', '${x}', '{{x}}',
  '<script>alert(1)</script>', '../../etc/passwd', '2024-13-45', '2024-02-30T00:00:00Z', '0000-00-00', 'yesterday',
  '+275760-09-13T00:00:00.000Z', '-000001-01-01T00:00:00Z', '9999-12-31T23:59:59.999999999Z', '1970-01-01T00:00:00Z',
  '\u0041\u030a', 'İ', 'ß', 'ǅ', '𠀀', '😀', '\ud800', '=cmd|calc', '=HYPERLINK("x")',
];

const cjkUnit = fc.integer({ min: 0x4e00, max: 0x9fa5 }).map((c) => String.fromCharCode(c));
/** CJK text of a length in [min, max] (generated in range: a filter on a fixed range never ends when min is above it). */
const cjkOf = (min: number, max: number) => fc.string({ unit: cjkUnit, minLength: min, maxLength: max });

/** Any string, often a nasty one. */
export const nastyString: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: fc.constantFrom(...NASTY_STRINGS), weight: 4 },
  { arbitrary: fc.string({ unit: 'binary', maxLength: 30 }), weight: 2 },
  { arbitrary: fc.string({ unit: 'grapheme', maxLength: 30 }), weight: 1 },
  { arbitrary: fc.tuple(fc.string({ maxLength: 8 }), fc.constantFrom(...SPECIAL_CHARS), fc.string({ maxLength: 8 })).map(([a, c, b]) => a + c + b), weight: 3 },
  { arbitrary: fc.constantFrom(1_001, 70_000, 1_100_000).map((n) => '长'.repeat(n)), weight: 1 },
);

/** Numbers that are no row's id and no page size: out of range, fractional, negative, not finite in JSON terms. */
export const nastyNumber: fc.Arbitrary<number> = fc.oneof(
  fc.constantFrom(0, -0, -1, 1.5, 0.1, 1e300, -1e300, 2 ** 53, 2 ** 53 + 2, 2 ** 63, 2 ** 64, Number.MAX_VALUE, Number.MIN_VALUE, 201, 1e21),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.integer({ min: -(2 ** 31), max: 2 ** 31 }),
);

/** A value of some JSON type, small and shallow. */
export const anyJson: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  nastyNumber,
  nastyString,
  fc.constant([]),
  fc.constant({}),
  fc.array(fc.oneof(fc.integer(), fc.string({ maxLength: 5 }), fc.constant(null)), { maxLength: 4 }),
  fc.dictionary(fc.string({ maxLength: 6 }), fc.oneof(fc.integer(), fc.string({ maxLength: 5 })), { maxKeys: 3 }),
);

/** Names a body might be tricked with: fields of other routes (mass assignment) and prototype names. */
export const UNKNOWN_KEYS = ['id', 'divisionCode', 'agencyId', 'role', 'status', 'createdAt', 'updatedAt', 'scope', 'password', 'constructor', 'toString', 'extra', '', ' ', 'name ', 'Name', 'a\u0000b'];

function typesOf(s: JsonSchema): string[] {
  const alts = s.anyOf ?? s.oneOf;
  if (alts) return [...new Set(alts.flatMap(typesOf))];
  if (Array.isArray(s.type)) return s.type;
  if (s.type) return [s.type];
  if (s.enum) return ['enum'];
  if (s.properties) return ['object'];
  return ['any'];
}

/** A value `schema` accepts (as far as JSON Schema says; hints supply the domain rules it cannot). */
export function validOf(schema: JsonSchema, name: string, hints: Hints): fc.Arbitrary<unknown> {
  const hint = hints[name];
  const generic = genericValid(schema, hints);
  return hint ? fc.oneof({ arbitrary: hint, weight: 9 }, { arbitrary: generic, weight: 1 }) : generic;
}

function genericValid(s: JsonSchema, hints: Hints): fc.Arbitrary<unknown> {
  const alts = s.anyOf ?? s.oneOf;
  if (alts) return fc.oneof(...alts.map((a) => genericValid(a, hints)));
  if (s.enum) return fc.constantFrom(...s.enum);
  const types = typesOf(s);
  if (types.length > 1) return fc.oneof(...types.map((t) => genericValid({ ...s, type: t }, hints)));
  switch (types[0]) {
    case 'null':
      return fc.constant(null);
    case 'boolean':
      return fc.boolean();
    case 'integer':
      return fc.integer({ min: Math.max(s.minimum ?? -1e6, Number.MIN_SAFE_INTEGER), max: Math.min(s.maximum ?? 1e9, Number.MAX_SAFE_INTEGER) });
    case 'number':
      return fc.double({ min: s.minimum ?? -1e6, max: s.maximum ?? 1e9, noNaN: true, noDefaultInfinity: true });
    case 'string': {
      const min = s.minLength ?? 0;
      const max = Math.min(s.maxLength ?? 40, Math.max(min, 40));
      if (s.pattern) return fc.stringMatching(new RegExp(s.pattern)).filter((x) => x.length >= min && x.length <= (s.maxLength ?? Number.POSITIVE_INFINITY));
      return fc.oneof(fc.string({ minLength: min, maxLength: max }), cjkOf(min, max));
    }
    case 'array':
      return fc.array(validOfItem(s.items ?? {}, hints), { minLength: s.minItems ?? 0, maxLength: Math.max(s.minItems ?? 0, Math.min(s.maxItems ?? 4, 4)) });
    case 'object': {
      const props = s.properties ?? {};
      const model = Object.fromEntries(Object.entries(props).map(([k, p]) => [k, validOf(p, k, hints)]));
      return fc.record(model, { requiredKeys: (s.required ?? []).filter((k) => k in props) });
    }
    default:
      return anyJson;
  }
}

const validOfItem = (s: JsonSchema, hints: Hints) => genericValid(s, hints);

/** A value `schema` should refuse (or at least an awkward one at its edges). */
export function invalidOf(schema: JsonSchema, name: string, hints: Hints): fc.Arbitrary<unknown> {
  const types = typesOf(schema);
  // a schema that takes any type has no wrong type (filtering for one would never end)
  const alts: fc.Arbitrary<unknown>[] = types.includes('any') ? [nastyString] : [anyJson.filter((v) => !matchesType(v, types))];
  if (types.includes('string') || types.includes('enum')) {
    alts.push(nastyString);
    if (schema.maxLength !== undefined) alts.push(fc.constant('x'.repeat(schema.maxLength + 1)), fc.constant('字'.repeat(schema.maxLength + 1)));
    if (schema.minLength) alts.push(fc.constant(''));
    if (schema.enum) alts.push(fc.constantFrom(...schema.enum.map((e) => String(e).toUpperCase()), ...schema.enum.map((e) => ` ${String(e)}`)));
    if (schema.pattern) {
      // the right shape, but full-width, padded, with a NUL or one character too many
      const good = fc.stringMatching(new RegExp(schema.pattern));
      alts.push(
        good.map((g) => g.replace(/[0-9]/g, (d) => String.fromCharCode(0xff10 + Number(d)))),
        good.map((g) => ` ${g} `),
        good.map((g) => `${g}\u0000`),
        good.map((g) => `${g}0`),
        good.map((g) => `${g}\u200b`),
      );
    }
    const hint = hints[name];
    if (hint) alts.push(hint.map((h) => (typeof h === 'string' ? `${h}\u0000` : h)), hint.map((h) => (typeof h === 'string' ? h.slice(0, -1) : h)));
  }
  if (types.includes('integer') || types.includes('number')) {
    alts.push(nastyNumber);
    if (schema.minimum !== undefined) alts.push(fc.constant(schema.minimum - 1));
    if (schema.maximum !== undefined) alts.push(fc.constant(schema.maximum + 1));
    alts.push(fc.constantFrom('1', '1.5', '', 'NaN'));
  }
  if (types.includes('array')) {
    alts.push(fc.constant([]), fc.constant({}), fc.array(anyJson, { minLength: 1, maxLength: 3 }));
    if (schema.maxItems !== undefined && schema.maxItems <= 5000) {
      alts.push(fc.constant(schema.maxItems + 1).chain((n) => validOf(schema.items ?? {}, name, hints).map((one) => Array.from({ length: n }, () => one))));
    }
    if (schema.items) alts.push(fc.array(invalidOf(schema.items, name, hints), { minLength: 1, maxLength: 3 }));
  }
  if (types.includes('object')) alts.push(invalidObject(schema, hints));
  return fc.oneof(...alts);
}

function invalidObject(s: JsonSchema, hints: Hints): fc.Arbitrary<unknown> {
  const props = s.properties ?? {};
  const keys = Object.keys(props);
  const base = genericValid(s, hints) as fc.Arbitrary<Record<string, unknown>>;
  const alts: fc.Arbitrary<unknown>[] = [
    fc.constantFrom([], null, 'text', 42, [{}], true),
    // an unknown field beside valid ones
    fc.tuple(base, fc.oneof(fc.constantFrom(...UNKNOWN_KEYS), fc.string({ maxLength: 8 })), anyJson).map(([o, k, v]) => {
      const out = { ...o };
      Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true });
      return out;
    }),
  ];
  const required = (s.required ?? []).filter((k) => k in props);
  if (required.length) alts.push(fc.tuple(base, fc.constantFrom(...required)).map(([o, k]) => Object.fromEntries(Object.entries(o).filter(([x]) => x !== k))));
  if (keys.length) {
    // one field replaced by a value it should refuse
    alts.push(
      fc.constantFrom(...keys).chain((k) => fc.tuple(base, invalidOf(props[k] as JsonSchema, k, hints)).map(([o, v]) => ({ ...o, [k]: v }))),
      fc.constantFrom(...keys).chain((k) => base.map((o) => ({ ...o, [k]: [o[k]] }))),
    );
  }
  return fc.oneof(...alts);
}

function matchesType(v: unknown, types: string[]): boolean {
  if (types.includes('any')) return true;
  const t = v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v === 'number' ? (Number.isInteger(v) ? 'integer' : 'number') : typeof v;
  if (t === 'integer' && types.includes('number')) return true;
  if (types.includes('enum')) return false;
  return types.includes(t);
}

/** Query-string pieces a URL parser may choke on, put into the URL as they are (not encoded again). */
export const RAW_QUERY_VALUES = ['%00', 'a%00', '%FF', '%E4%B8', '%', '%%', '%2', '%C0%80', '%EF%BB%BF', '%E2%80%AE', '+', '%20', '%0A', '%E3%80%80', '%EF%BC%91'];

/**
 * Path segments that are no id: other notations, padding, out of range, encoded tricks. No dot
 * segments (`..`, `%2e%2e`): a URL parser — the browser's, fetch's, and the test transport's —
 * resolves them before the request is sent, so `/slots/../bookings` reaches another route
 * (`/bookings`) whose answer the checker then held against this one's schema.
 */
export const RAW_PATH_IDS = ['0', '-1', '1.5', '1e3', '0x10', '%201', '01', '%2B1', '9007199254740992', '99999999999999999999', 'abc', '%00', '1%00', '%EF%BC%91', '1;', '1,2', '.x', 'null', '1%20', '%E2%80%8B1'];
