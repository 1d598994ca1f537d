// Seeds: requests that once answered 500 (NUL characters in bodies and query parameters, cursors
// with out-of-range numbers, fractional ids, bad dates — the 16 of issue 6 §5) and every fault the
// fuzzer found since, minimal. Each runs first in its operation's property, in every run.
// A path value `@name` is the agency of that demo account (ids differ between databases).
import { encodeCursor } from '../../src/server/http/pagination.ts';
import { baseCase, type Case, callerIndex } from './harness.ts';

const as = (name: string) => callerIndex(name);
const cursor = (parts: Array<string | number>) => `cursor=${encodeCursor(parts)}`;
const json = (value: unknown): Case['body'] => ({ kind: 'json', value });

export const SEEDS: Record<string, Case[]> = {
  'POST /api/v1/auth/login': [
    // 1. NUL in the anonymous sign-in
    baseCase({ body: json({ username: 'prov\u0000', password: 'x' }) }),
    baseCase({ body: json({ username: 'prov', password: 'x\u0000' }) }),
  ],
  'POST /api/v1/auth/sms-code': [
    // found by the fuzzer: a spreadsheet body on a JSON route was validated as an object (a Buffer's
    // methods as unknown fields) and naming the field `parent` crashed the error handler (500)
    baseCase({ body: { kind: 'raw', contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', text: 'a=1' } }),
    // found by the fuzzer: unknown fields named like Object.prototype members (500, then "{label}")
    baseCase({ body: json({ phone: '13800138000', toString: 1, hasOwnProperty: 2 }) }),
    // found by the fuzzer: an unknown field whose name is empty answered a detail naming nothing
    baseCase({ body: json({ phone: '13800138000', '': null }) }),
  ],
  'POST /api/v1/auth/sms-login': [
    // 2. NUL in a phone number
    baseCase({ body: json({ phone: '1380013800\u0000', code: '123456' }) }),
  ],
  'PATCH /api/v1/agencies/{id}': [
    // 3. NUL in a text field of a signed-in write
    baseCase({ caller: as('prov'), path: { id: '1' }, body: json({ address: 'a\u0000b' }) }),
  ],
  'POST /api/v1/code-tables/occupations/import': [
    // 4. NUL inside an array of rows
    baseCase({ caller: as('prov'), body: json({ rows: [{ code: '8', name: '名\u0000' }] }) }),
  ],
  'GET /api/v1/agencies': [
    // 5. NUL in a query parameter; 6–7. cursors with a fractional and an out-of-range id
    baseCase({ caller: as('prov'), query: 'q=%00' }),
    baseCase({ caller: as('prov'), query: cursor(['530102', 1.5]) }),
    baseCase({ caller: as('prov'), query: cursor(['530102', 1e300]) }),
  ],
  'GET /api/v1/employers': [
    // 8. NUL after text; 9–10. a negative id and a five-digit division in the cursor
    baseCase({ caller: as('prov'), query: 'q=a%00' }),
    baseCase({ caller: as('prov'), query: cursor(['530102', -1]) }),
    baseCase({ caller: as('prov'), query: cursor(['53010', 1]) }),
  ],
  'GET /api/v1/agencies/{id}/staff': [
    // 11. a fractional id in the roster's cursor
    baseCase({ caller: as('agency-wh'), path: { id: '@agency-wh' }, query: cursor([1.5]) }),
    // found by the fuzzer: a path that is no valid percent-encoding (a lone surrogate's bytes) was
    // answered by Fastify's own body, not the error shape; so was a path parameter over 100 characters (414)
    baseCase({ caller: as('qlz'), path: { id: '%7C%ED%A0%80t' } }),
    baseCase({ caller: as('prov'), path: { id: '1'.repeat(101) } }),
  ],
  'GET /api/v1/audit': [
    // 12. NUL in the action filter; 13–14. dates that are none in the cursor
    baseCase({ caller: as('prov'), query: 'action=%00' }),
    baseCase({ caller: as('prov'), query: cursor(['yesterday', '530102', 1]) }),
    baseCase({ caller: as('prov'), query: cursor(['2024-13-45T00:00:00Z', '530102', 1]) }),
  ],
  'POST /api/v1/agencies/{id}/staff/import': [
    // found by the fuzzer: a file that is no workbook answered 400 without details (so did an
    // empty sheet, a wrong header, too many rows): now each names the file
    baseCase({ caller: as('agency-wh'), path: { id: '@agency-wh' }, body: { kind: 'raw', contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', text: '<a/>' } }),
  ],
  'GET /api/v1/agencies/{id}': [
    // 15. a fractional id in the path (and ids beyond 2^53)
    baseCase({ caller: as('prov'), path: { id: '1.5' } }),
    baseCase({ caller: as('prov'), path: { id: '9007199254740992' } }),
  ],
  'PATCH /api/v1/agencies/{id}/staff/{staffId}': [
    // 16. an id in exponent notation
    baseCase({ caller: as('agency-wh'), path: { id: '@agency-wh', staffId: '1e2' }, body: json({ position: 'x' }) }),
  ],
};
