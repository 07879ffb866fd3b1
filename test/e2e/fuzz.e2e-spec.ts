import { ManualClock } from '@zq/common';
import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { availableParallelism, loadavg } from 'node:os';
import { join } from 'node:path';
import { aReferenceRound, aScannedLetter, SeededRound } from '../support/feedback-factories';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * The API fuzzed from outside, as an attacker and a clumsy client would: fast-check generates
 * requests from the OpenAPI document (apps/web/src/api/openapi.json) for EVERY operation, as each
 * role (anonymous, a unit user, office staff, the admin), with path, query and body values that mostly
 * follow the schema and often do not (NUL bytes, lone surrogates, deep JSON, huge numbers, wrong
 * types, empty and broken bodies, bad percent-encodings, hostile multipart). Bounded: FUZZ_RUNS
 * requests per operation and role (a few thousand in all). The seed is printed; FUZZ_SEED replays a run.
 *
 * Asserted: no 5xx; every 4xx is JSON with a stable `code` (and its statusCode and a message); while
 * the fuzzer runs the event loop answers /health/live within 200 ms above the floor measured under a
 * benign load in the same run, and /health always answers.
 */
const SEED = Number(process.env.FUZZ_SEED ?? 20261201);
const RUNS = Number(process.env.FUZZ_RUNS ?? 9);
const CONCURRENCY = 6;
/**
 * 200 ms on a machine that is not overloaded. When other processes keep more runnable threads than
 * there are cores (load average above the core count: the shared 2-core test machine at load 13), every
 * turn of the event loop waits for a core that long too: the budget scales by that excess, printed.
 */
const HEALTH_BUDGET_MS = Math.round(200 * Math.max(1, loadavg()[0] / availableParallelism()));

type Schema = {
  $ref?: string;
  type?: string;
  format?: string;
  enum?: unknown[];
  nullable?: boolean;
  allOf?: Schema[];
  oneOf?: Schema[];
  anyOf?: Schema[];
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  maxItems?: number;
  minItems?: number;
  maxLength?: number;
  minLength?: number;
  minimum?: number;
  maximum?: number;
  pattern?: string;
  additionalProperties?: boolean | Schema;
};
interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header';
  required?: boolean;
  schema: Schema;
}
interface Operation {
  method: string;
  path: string;
  operationId: string;
  parameters: Parameter[];
  body: { type: 'json' | 'multipart'; schema: Schema } | null;
}

const DOC = JSON.parse(readFileSync(join(__dirname, '..', '..', 'apps', 'web', 'src', 'api', 'openapi.json'), 'utf8'));
const OPERATIONS: Operation[] = Object.entries(DOC.paths as Record<string, Record<string, any>>).flatMap(([path, ops]) =>
  Object.entries(ops).map(([method, op]) => {
    const content = op.requestBody?.content ?? {};
    const body = content['application/json']
      ? { type: 'json' as const, schema: content['application/json'].schema }
      : content['multipart/form-data']
        ? { type: 'multipart' as const, schema: content['multipart/form-data'].schema }
        : null;
    return { method: method.toUpperCase(), path, operationId: op.operationId, parameters: op.parameters ?? [], body };
  }),
);

const resolve = (s: Schema): Schema => (s.$ref ? resolve(DOC.components.schemas[s.$ref.replace('#/components/schemas/', '')]) : s);

// ---------- hostile values ----------
const HOSTILE_STRINGS = [
  'a\u0000b',
  '\u0000',
  '\uD800',
  'x\uDFFFy',
  '\uDBFF\uDBFF',
  '',
  ' ',
  'A'.repeat(10_000),
  '中'.repeat(3_000),
  '𠮷野家',
  '\u202Eevil',
  '../../etc/passwd',
  "' OR 1=1 --",
  '<script>alert(1)</script>',
  '%00',
  '1e400',
  'NaN',
  '-0',
  '00000000-0000-0000-0000-000000000000',
  '2023-02-30T25:61:00Z',
  '9999-12-31T23:59:59.999Z',
  '0000-01-01',
];
const HOSTILE_NUMBERS = [1e308, -1e308, 2 ** 63, 2 ** 53 + 1, 2 ** 31, -(2 ** 31) - 1, 1e20, -1, -0, 0.5, 5e-324, Number.MAX_SAFE_INTEGER];
const deepArray = (n: number): unknown => (n === 0 ? [] : [deepArray(n - 1)]);
const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(...HOSTILE_STRINGS),
  fc.constantFrom(...HOSTILE_NUMBERS),
  fc.constantFrom(null, true, false, [], {}, [1, 2], { $gt: '' }, { a: { b: { c: 'd' } } }, deepArray(30), ['\u0000'], [null]),
  fc.string({ unit: 'binary', maxLength: 30 }), // lone surrogates and control characters included
  fc.jsonValue({ maxDepth: 3 }),
);
const maybeHostile = <T>(valid: fc.Arbitrary<T>): fc.Arbitrary<unknown> => fc.oneof({ weight: 3, arbitrary: valid }, { weight: 1, arbitrary: hostileValue });

// ---------- schema → values ----------
/** Values the schema allows; with `hostile`, each value in it may be replaced by a hostile one. */
function fromSchema(schema: Schema, pools: Pools, depth = 0, hostile = true): fc.Arbitrary<unknown> {
  const inner = (x: fc.Arbitrary<unknown>) => (hostile ? maybeHostile(x) : x);
  const s = resolve(schema);
  let arb: fc.Arbitrary<unknown>;
  if (s.allOf?.length) arb = fromSchema(s.allOf[0], pools, depth, hostile);
  else if (s.oneOf?.length || s.anyOf?.length) arb = fc.oneof(...(s.oneOf ?? s.anyOf)!.map((x) => fromSchema(x, pools, depth, hostile)));
  else if (s.enum) arb = fc.constantFrom(...s.enum);
  else if (s.type === 'string') {
    if (s.format === 'uuid') arb = fc.oneof(fc.constantFrom(...pools.anyId), fc.uuid());
    else if (s.format === 'date-time') arb = fc.date({ min: new Date('2020-01-01'), max: new Date('2030-01-01'), noInvalidDate: true }).map((d) => d.toISOString());
    else if (s.format === 'email') arb = fc.emailAddress();
    else if (s.pattern) arb = safePattern(s.pattern);
    else arb = fc.string({ minLength: s.minLength ?? 0, maxLength: Math.min(s.maxLength ?? 40, 40) });
  } else if (s.type === 'integer') arb = fc.integer({ min: s.minimum ?? -5, max: s.maximum ?? 1000 });
  else if (s.type === 'number') arb = fc.oneof(fc.integer({ min: s.minimum ?? -5, max: s.maximum ?? 1000 }), fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 }));
  else if (s.type === 'boolean') arb = fc.boolean();
  else if (s.type === 'array') {
    arb = depth > 4 ? fc.constant([]) : fc.array(inner(fromSchema(s.items ?? {}, pools, depth + 1, hostile)), { minLength: Math.min(s.minItems ?? 0, 3), maxLength: Math.min(s.maxItems ?? 4, 4) });
  } else if (s.type === 'object' || s.properties) {
    const props = Object.entries(s.properties ?? {}).filter(([, p]) => resolve(p).format !== 'binary');
    if (depth > 4 || !props.length) arb = fc.constant({});
    else {
      const shape = Object.fromEntries(props.map(([k, p]) => [k, inner(fromSchema(p, pools, depth + 1, hostile))]));
      const record = fc.record(shape, { requiredKeys: (s.required ?? []).filter((k) => k in shape) });
      arb = !hostile ? record : record.chain((o) =>
        // sometimes an unknown key too (whitelist / forbidNonWhitelisted), sometimes a required one gone
        fc.oneof({ weight: 4, arbitrary: fc.constant(o) }, { weight: 1, arbitrary: fc.constant({ ...o, unexpected: '\u0000x' }) }, { weight: 1, arbitrary: fc.constant(dropOne(o)) }),
      );
    }
  } else arb = fc.jsonValue({ maxDepth: 2 });
  return s.nullable ? fc.option(arb, { nil: null, freq: 5 }) : arb;
}

function dropOne(o: Record<string, unknown>): Record<string, unknown> {
  const [first, ...rest] = Object.keys(o);
  return first ? Object.fromEntries(rest.map((k) => [k, o[k]])) : o;
}

function safePattern(pattern: string): fc.Arbitrary<string> {
  try {
    return fc.stringMatching(new RegExp(pattern)).filter((x) => x.length < 200);
  } catch {
    return fc.string({ maxLength: 20 });
  }
}

// ---------- parameters ----------
const HOSTILE_SEGMENTS = ['%00', 'a%00b', '%ZZ', '%E4%B8', '%ED%A0%80', '..', '%2E%2E%2F', 'not-a-uuid', 'x'.repeat(3000), '%F0%9F%98%80', '00000000-0000-0000-0000-00000000000G', 'NaN', '-1', '1e999'];
const toWire = (v: unknown): string => (typeof v === 'string' ? v : JSON.stringify(v) ?? '');
/** A string as it goes into a URL: usually percent-encoded; a string with a lone surrogate goes out as its raw bytes */
const encodeForUrl = (v: string): string => {
  try {
    return encodeURIComponent(v);
  } catch {
    return latin1Bytes(v); // lone surrogate: encodeURIComponent throws; send what a sloppy client would
  }
};
/** UTF-8 bytes of a string as a latin1 string: node:http sends such a path byte for byte (unencoded Chinese in a URL) */
const latin1Bytes = (v: string) =>
  [...Buffer.from(v, 'utf8')].map((b) => (b >= 0x80 || (b > 0x20 && b < 0x7f && !'%#?/&'.includes(String.fromCharCode(b))) ? String.fromCharCode(b) : `%${b.toString(16).padStart(2, '0').toUpperCase()}`)).join('');

function pathValue(name: string, pools: Pools): fc.Arbitrary<string> {
  const real = pools.byName[name] ?? pools.anyId;
  return fc.oneof(
    { weight: 5, arbitrary: fc.constantFrom(...real) },
    { weight: 1, arbitrary: fc.uuid() },
    { weight: 2, arbitrary: fc.constantFrom(...HOSTILE_SEGMENTS) },
    { weight: 1, arbitrary: hostileValue.map((v) => encodeForUrl(toWire(v)).slice(0, 4000)) },
  );
}

function queryPart(p: Parameter, pools: Pools): fc.Arbitrary<string | null> {
  const name = encodeURIComponent(p.name);
  const valid = fromSchema(p.schema, pools).map((v) => `${name}=${encodeForUrl(toWire(v))}`);
  return fc.oneof(
    { weight: p.required ? 1 : 3, arbitrary: fc.constant(null) },
    { weight: 5, arbitrary: valid },
    { weight: 2, arbitrary: hostileValue.map((v) => `${name}=${encodeForUrl(toWire(v)).slice(0, 6000)}`) },
    { weight: 1, arbitrary: fc.constantFrom(`${name}=%00`, `${name}=%ZZ`, `${name}=%ED%A0%80`, `${name}[a]=1`, `${name}=1&${name}=2`, `${name}[]=x`, name, `${name}=${latin1Bytes('中文')}`, `${name}[__proto__][x]=1`) },
  );
}

// ---------- bodies ----------
interface Body {
  bytes: Buffer;
  contentType: string | null;
}
const RAW_BODIES: Body[] = [
  { bytes: Buffer.alloc(0), contentType: 'application/json' },
  { bytes: Buffer.alloc(0), contentType: null },
  ...['null', 'true', '"text"', '123', '[]', '{}', '{"a":', '{"a":1}}', '[' .repeat(100_000), '{"a":'.repeat(50) + '1' + '}'.repeat(50), '{"__proto__":{"polluted":1},"constructor":{"prototype":{"x":1}}}', '{"a":1e999999}', '{"a":"\\u0000"}', '{"a":"\\ud800"}', '{"a":1,"a":{"b":2}}', '\uFEFF{}'].map(
    (text) => ({ bytes: Buffer.from(text, 'utf8'), contentType: 'application/json' }),
  ),
  { bytes: Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xff, 0xfe, 0xc3, 0x22, 0x7d]), contentType: 'application/json' }, // invalid UTF-8
  { bytes: Buffer.from('{"a":"b"}', 'utf16le'), contentType: 'application/json; charset=utf-16' },
  { bytes: Buffer.from('{"a":"b"}'), contentType: 'application/json; charset=koi8-r' },
  { bytes: Buffer.from('{"a":"b"}'), contentType: 'text/plain' },
  { bytes: Buffer.from('a=1&b[c]=2&b[__proto__][x]=1&n=%00'), contentType: 'application/x-www-form-urlencoded' },
  { bytes: Buffer.from('--x\r\nContent-Disposition: form-data; name="file"\r\n\r\nabc'), contentType: 'multipart/form-data; boundary=x' }, // cut short
  { bytes: Buffer.from('garbage'), contentType: 'multipart/form-data' }, // no boundary
];

function multipart(fields: { name: string; filename?: string; type?: string; data: Buffer }[]): Body {
  const boundary = 'fuzzboundary7MA4YWxkTrZu0gW';
  const parts = fields.map((f) =>
    Buffer.concat([
      Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${f.name}"${f.filename !== undefined ? `; filename="${f.filename}"` : ''}\r\n${f.type ? `Content-Type: ${f.type}\r\n` : ''}\r\n`, 'utf8'),
      f.data,
      Buffer.from('\r\n'),
    ]),
  );
  return { bytes: Buffer.concat([...parts, Buffer.from(`--${boundary}--\r\n`)]), contentType: `multipart/form-data; boundary=${boundary}` };
}

const FILES: { data: Buffer; type: string }[] = [
  { data: aScannedLetter('盖章页'), type: 'application/pdf' },
  { data: Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000', 'hex'), type: 'image/png' },
  { data: Buffer.alloc(0), type: 'application/pdf' },
  { data: Buffer.from('not really a pdf %PDF-1.4'), type: 'application/pdf' },
  { data: Buffer.from('PK\u0003\u0004 broken zip'), type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' },
  { data: Buffer.from('序号,条款,意见\n1,二、,改\n'), type: 'text/csv' },
];

function bodyFor(op: Operation, pools: Pools): fc.Arbitrary<Body | null> {
  if (!op.body) {
    return fc.oneof({ weight: 6, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.constantFrom(...RAW_BODIES) });
  }
  if (op.body.type === 'multipart') {
    const schema = resolve(op.body.schema);
    const textFields = Object.entries(schema.properties ?? {}).filter(([, p]) => resolve(p).format !== 'binary');
    const fileField = Object.entries(schema.properties ?? {}).find(([, p]) => resolve(p).format === 'binary')?.[0] ?? 'file';
    const part = fc.record({
      file: fc.option(fc.constantFrom(...FILES), { freq: 6 }),
      filename: fc.oneof(fc.constantFrom('盖章页.pdf', 'a.png', '反馈意见表.docx', 'x.csv', '', 'a\u0000b.pdf', '\uD800.pdf', '../../x.pdf', 'n'.repeat(2000)), fc.string({ unit: 'binary', maxLength: 20 })),
      fieldName: fc.oneof({ weight: 5, arbitrary: fc.constant(fileField) }, { weight: 1, arbitrary: fc.constantFrom('other', 'file\u0000', '\uD800', '') }),
      extras: fc.array(fc.tuple(fc.oneof(fc.constantFrom(...textFields.map(([k]) => k), 'x', 'n\u0000'), fc.string({ unit: 'binary', maxLength: 5 })), maybeHostile(fc.string({ maxLength: 20 }))), { maxLength: 3 }),
    });
    return fc.oneof(
      { weight: 5, arbitrary: part.map((p) => multipart([...(p.file ? [{ name: p.fieldName, filename: p.filename, type: p.file.type, data: p.file.data }] : []), ...p.extras.map(([name, value]) => ({ name, data: Buffer.from(toWire(value), 'utf8') }))])) },
      { weight: 1, arbitrary: fc.constantFrom(...RAW_BODIES) },
    );
  }
  return fc.oneof(
    { weight: 3, arbitrary: fromSchema(op.body.schema, pools).map((v) => ({ bytes: Buffer.from(JSON.stringify(v) ?? 'null', 'utf8'), contentType: 'application/json' })) },
    // what the schema allows and nothing else: these get past validation into the rules and the database
    { weight: 3, arbitrary: fromSchema(op.body.schema, pools, 0, false).map((v) => ({ bytes: Buffer.from(JSON.stringify(v) ?? 'null', 'utf8'), contentType: 'application/json' })) },
    { weight: 1, arbitrary: hostileValue.map((v) => ({ bytes: Buffer.from(JSON.stringify(v) ?? 'null', 'utf8'), contentType: 'application/json' })) },
    { weight: 1, arbitrary: fc.constantFrom(...RAW_BODIES) },
  );
}

// ---------- requests ----------
interface Pools {
  anyId: string[];
  byName: Record<string, string[]>;
}
type Role = 'anonymous' | 'unit' | 'staff' | 'admin';
interface FuzzRequest {
  op: string;
  role: Role;
  method: string;
  path: string;
  body: Body | null;
  /** an Authorization header other than the role's own (a hostile one), if any */
  authorization?: string;
}

/** The value in one case of `oneIn`, null otherwise. */
const rarely = <T>(arb: fc.Arbitrary<T>, oneIn: number): fc.Arbitrary<T | null> => fc.oneof({ weight: oneIn - 1, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: arb });

function requestsFor(op: Operation, role: Role, pools: Pools): fc.Arbitrary<FuzzRequest> {
  const pathParams = op.parameters.filter((p) => p.in === 'path');
  const queryParams = op.parameters.filter((p) => p.in === 'query');
  return fc
    .record({
      path: fc.tuple(...pathParams.map((p) => pathValue(p.name, pools))),
      query: fc.tuple(...queryParams.map((p) => queryPart(p, pools))),
      extraQuery: rarely(fc.constantFrom('x=%00', 'x[y][z]=1', '__proto__[a]=1', 'x=' + '9'.repeat(400), '%ZZ=1'), 8),
      body: bodyFor(op, pools),
      authorization: rarely(fc.constantFrom('Bearer ', 'Bearer a.b.c', 'Basic YWRtaW46YWRtaW4=', 'bearer ' + 'x'.repeat(5000), 'Bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJhZG1pbiJ9.'), 12),
    })
    .map(({ path, query, extraQuery, body, authorization }) => {
      let url = op.path;
      pathParams.forEach((p, i) => (url = url.replace(`{${p.name}}`, path[i])));
      const qs = [...query.filter((q): q is string => q !== null), ...(extraQuery ? [extraQuery] : [])].join('&');
      return { op: `${op.method} ${op.path}`, role, method: op.method, path: qs ? `${url}?${qs}` : url, body, ...(authorization ? { authorization } : {}) };
    });
}

/** A deterministic shuffle (mulberry32): requests of all operations interleave, as many clients would send them. */
function shuffled<T>(items: T[], seed: number): T[] {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

interface Answer {
  status: number;
  contentType: string;
  body: string;
  ms: number;
}

function send(port: number, method: string, path: string, headers: Record<string, string>, body: Buffer | null): Promise<Answer> {
  const started = performance.now();
  return new Promise((resolve) => {
    const fail = (e: unknown) => resolve({ status: -1, contentType: '', body: String(e), ms: performance.now() - started });
    let req: ReturnType<typeof httpRequest>;
    try {
      req = httpRequest({ host: '127.0.0.1', port, method, path, agent: false, headers: { ...headers, ...(body ? { 'content-length': String(body.length) } : {}) } }, (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (c: Buffer) => {
        size += c.length;
        if (size < 64 * 1024) chunks.push(c);
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, contentType: String(res.headers['content-type'] ?? ''), body: Buffer.concat(chunks).toString('utf8'), ms: performance.now() - started }));
      res.on('error', (e) => resolve({ status: -1, contentType: '', body: String(e), ms: performance.now() - started }));
    });
    } catch (e) {
      return fail(`the client refused to send it (${String(e)}): fix the generator`);
    }
    req.setTimeout(30_000, () => req.destroy(new Error('no answer within 30 s')));
    req.on('error', fail);
    req.end(body ?? undefined);
  });
}

/** What is wrong with an answer, or null: a 5xx, no answer, or a 4xx without a JSON body and a stable code. */
function problemOf(a: Answer): string | null {
  if (a.status < 0) return `no answer: ${a.body}`;
  if (a.status >= 500) return `${a.status}`;
  if (a.status >= 400) {
    let parsed: { code?: unknown; statusCode?: unknown; message?: unknown } | null = null;
    try {
      parsed = JSON.parse(a.body);
    } catch {
      return `${a.status} without a JSON body (${a.contentType || 'no content-type'}): ${a.body.slice(0, 80)}`;
    }
    if (!/application\/json/.test(a.contentType)) return `${a.status} JSON body under ${a.contentType}`;
    if (typeof parsed?.code !== 'string' || !/^[A-Z][A-Z0-9_]+$/.test(parsed.code)) return `${a.status} without a stable code: ${a.body.slice(0, 120)}`;
    if (parsed.statusCode !== a.status) return `${a.status} with statusCode ${String(parsed.statusCode)} in the body`;
    if (typeof parsed.message !== 'string' || !parsed.message) return `${a.status} ${parsed.code} without a message`;
  }
  return null;
}

describe('fuzzing every operation of the OpenAPI document (real PostgreSQL, Redis, SMTP)', () => {
  const clock = new ManualClock(new Date('2023-05-22T10:00:00+08:00'));
  let t: TestApp;
  let r: SeededRound;
  let port: number;
  let pools: Pools;
  const tokens: Record<Role, string | null> = { anonymous: null, unit: null, staff: null, admin: null };

  beforeAll(async () => {
    t = await startTestApp('fuzz', { clock, env: { THROTTLE_PER_MINUTE: '10000000' } });
    r = await aReferenceRound(t.dataSource, { recipients: ['省财政厅', '省公安厅', '省建设厅', '杭州市'] });
    await new Promise<void>((done) => t.app.getHttpServer().listen(0, '127.0.0.1', done));
    port = (t.app.getHttpServer().address() as AddressInfo).port;
    tokens.unit = await t.login('省财政厅.approver');
    tokens.staff = await t.login('staff');
    tokens.admin = await t.login('admin');

    // real ids, so that many requests get past "not found" into validation and the rules
    const drafter = await t.login('省财政厅.drafter');
    await t.http().put(`/api/v1/rounds/${r.roundId}/my-reply`).set('Authorization', drafter)
      .send({ baseVersion: 0, kind: 'with_comments', items: [{ key: 'a', clauseId: r.item(9).id, quote: '推动产业用地有机更新', kind: 'modify', proposedText: '推动低效产业用地有机更新', reason: '与土地政策表述一致' }] })
      .expect(200);
    const scan = await t.http().post(`/api/v1/rounds/${r.roundId}/evidence`).set('Authorization', tokens.unit).attach('file', aScannedLetter('省财政厅公章'), '盖章页.pdf').expect(201);
    const sealed = await t.http().post(`/api/v1/rounds/${r.roundId}/my-reply/seal`).set('Authorization', tokens.unit)
      .send({ draftVersion: 1, signatory: '王建国', contactName: '李明', contactPhone: '0571-87050000', seals: [{ role: 'unit', evidenceFileId: scan.body.id }] })
      .expect(201);
    const draftRound = await aReferenceRound(t.dataSource, { recipients: ['省公安厅', '宁波市'], status: 'draft', roundNumber: 3 });
    const ids = async (sql: string, params: unknown[] = []) => ((await t.dataSource.query(sql, params)) as { id: string }[]).map((x) => String(x.id));
    const units = [r.unitId('省财政厅'), r.unitId('省公安厅'), r.unitId('杭州市'), r.unitId('宁波市')];
    const items = await ids(`SELECT id FROM sealed_item`);
    const mails = await ids(`SELECT id FROM mail_message LIMIT 5`);
    const clauses = r.clauses.slice(0, 5).map((c) => c.id);
    const rounds = [r.roundId, draftRound.roundId];
    const versions = [r.versionId, draftRound.versionId];
    const byName: Record<string, string[]> = {
      id: [...rounds, ...versions, r.policyId, ...units, clauses[0], sealed.body.submissionId],
      roundId: rounds,
      unitId: units,
      otherId: versions,
      itemId: items.length ? items : clauses,
      mailId: mails.length ? mails : units,
      evidenceId: [scan.body.id],
      attachmentId: [scan.body.id],
      changeId: clauses,
      // as a browser sends it, and as raw UTF-8 bytes (a sloppy client)
      trackingNo: [encodeURIComponent(sealed.body.trackingNo), latin1Bytes(sealed.body.trackingNo), encodeURIComponent('R2-省财政厅-0001')],
      token: ['0'.repeat(64), 'abc'],
    };
    pools = { anyId: [...new Set(Object.values(byName).flat())], byName };
  });
  afterAll(async () => {
    await t?.close();
  });

  it('finds no 5xx, only JSON 4xx with stable codes, and no stall of /health', async () => {
    // eslint-disable-next-line no-console
    console.log(`fuzz seed ${SEED} (FUZZ_SEED=${SEED} replays it), ${RUNS} requests per operation and role, ${OPERATIONS.length} operations; stall budget ${HEALTH_BUDGET_MS} ms (load ${loadavg()[0].toFixed(1)} on ${availableParallelism()} cores)`);
    const roles: Role[] = ['anonymous', 'unit', 'staff', 'admin'];
    // generated before the clock starts: the event loop the server runs on is not busy making requests
    const all = shuffled(
      OPERATIONS.flatMap((op, o) => roles.flatMap((role, k) => fc.sample(requestsFor(op, role, pools), { numRuns: RUNS, seed: SEED + o * 31 + k }))),
      SEED,
    );
    expect(new Set(all.map((q) => q.op)).size).toBe(OPERATIONS.length);

    // /health checks PostgreSQL, the queue and the SMTP server (a fresh SMTP handshake, ~100 ms even
    // idle); /health/live is the bare event loop. Both are probed every 100 ms, first while a benign load
    // of the same concurrency runs (the floor: this machine, this run), then while the fuzzer runs.
    const probing = async (work: () => Promise<void>) => {
      const health: { ms: number; status: number; at: number }[] = [];
      const live: { ms: number; at: number }[] = [];
      let running = true;
      const prober = (async () => {
        while (running) {
          const [h, l] = await Promise.all([send(port, 'GET', '/api/v1/health', {}, null), send(port, 'GET', '/api/v1/health/live', {}, null)]);
          health.push({ ms: h.ms, status: h.status, at: performance.now() - h.ms });
          live.push({ ms: l.ms, at: performance.now() - l.ms });
          await new Promise((done) => setTimeout(done, 100));
        }
      })();
      const started = performance.now();
      await work();
      const elapsed = performance.now() - started;
      running = false;
      await prober;
      return { health, live, elapsed, worstHealth: Math.max(...health.map((p) => p.ms)), worstLive: Math.max(...live.map((p) => p.ms)) };
    };
    const staffHeader = { authorization: `Bearer ${tokens.staff!.replace(/^Bearer /, '')}` };
    const control = await probing(async () => {
      const until = performance.now() + 4000;
      await Promise.all(
        Array.from({ length: CONCURRENCY }, async () => {
          while (performance.now() < until) await send(port, 'GET', '/api/v1/units?kind=province', staffHeader, null);
        }),
      );
    });

    const failures: { problem: string; req: FuzzRequest; answer: Answer }[] = [];
    const statuses = new Map<string, number>();
    const timeline: { req: FuzzRequest; ms: number; status: number; at: number }[] = [];
    let next = 0;
    const fuzz = await probing(async () => {
      await Promise.all(
        Array.from({ length: CONCURRENCY }, async () => {
          while (next < all.length) {
            const req = all[next++];
            const headers: Record<string, string> = {};
            const token = req.authorization ?? (tokens[req.role] ? `Bearer ${tokens[req.role]!.replace(/^Bearer /, '')}` : null);
            if (token) headers.authorization = token;
            if (req.body?.contentType) headers['content-type'] = req.body.contentType;
            const answer = await send(port, req.method, req.path, headers, req.body?.bytes ?? null);
            statuses.set(`${answer.status}`, (statuses.get(`${answer.status}`) ?? 0) + 1);
            timeline.push({ req, ms: answer.ms, status: answer.status, at: performance.now() - answer.ms });
            const problem = problemOf(answer);
            if (problem) failures.push({ problem, req, answer });
          }
        }),
      );
    });
    const elapsed = fuzz.elapsed;
    const describe = (x: { req: FuzzRequest; ms: number; status: number }) =>
      `  ${x.ms.toFixed(0)} ms ${x.status} ${x.req.role} ${x.req.method} ${x.req.path.slice(0, 140)} body ${x.req.body ? `${x.req.body.contentType} ${x.req.body.bytes.length} B: ${x.req.body.bytes.toString('utf8').slice(0, 100)}` : 'none'}`;
    const slowestLive = fuzz.live.reduce((a, b) => (b.ms > a.ms ? b : a), fuzz.live[0]);
    // eslint-disable-next-line no-console
    console.log(
      [
        `fuzz: ${all.length} requests in ${(elapsed / 1000).toFixed(1)} s, statuses ${JSON.stringify(Object.fromEntries([...statuses].sort()))}`,
        `/health: floor (benign load, ${control.health.length} probes) worst ${control.worstHealth.toFixed(0)} ms, median ${median(control.health.map((p) => p.ms)).toFixed(0)} ms; fuzzing (${fuzz.health.length} probes) worst ${fuzz.worstHealth.toFixed(0)} ms, median ${median(fuzz.health.map((p) => p.ms)).toFixed(0)} ms`,
        `/health/live: floor worst ${control.worstLive.toFixed(0)} ms, median ${median(control.live.map((p) => p.ms)).toFixed(0)} ms; fuzzing worst ${fuzz.worstLive.toFixed(0)} ms, median ${median(fuzz.live.map((p) => p.ms)).toFixed(0)} ms`,
        'in flight during the slowest /health/live probe:',
        ...timeline
          .filter((x) => x.at < slowestLive.at + slowestLive.ms && x.at + x.ms > slowestLive.at)
          .sort((a, b) => b.ms - a.ms)
          .slice(0, 6)
          .map(describe),
        'slowest requests:',
        ...[...timeline].sort((a, b) => b.ms - a.ms).slice(0, 6).map(describe),
        ...summarise(failures),
      ].join('\n'),
    );
    expect(failures.map((f) => `${f.req.op} as ${f.req.role}: ${f.problem}`)).toEqual([]);
    expect(elapsed).toBeLessThan(120_000);
    expect(fuzz.health.length).toBeGreaterThan(5);
    expect(fuzz.health.every((p) => p.status === 200)).toBe(true);
    // no stall: the event loop answers /health/live within 200 ms of what it takes under a benign load of
    // the same concurrency in this run; /health (a PostgreSQL ping and an SMTP handshake with the sink,
    // which runs on this same event loop: several turns of it per probe) always answers, never seconds late
    expect(fuzz.worstLive).toBeLessThan(HEALTH_BUDGET_MS + control.worstLive);
    expect(fuzz.worstHealth).toBeLessThan(3000);
  }, 180_000);

  it('keeps the event loop answering through a burst of 8 sign-ins at once (argon2 one at a time)', async () => {
    // the fuzzer's failed sign-ins locked this address: start from a clean count, so every sign-in below is hashed
    await t.dataSource.query(`DELETE FROM login_throttle`);
    const liveMs = async () => (await send(port, 'GET', '/api/v1/health/live', {}, null)).ms;
    const floor: number[] = [];
    for (let i = 0; i < 10; i++) floor.push(await liveMs(), await new Promise((done) => setTimeout(done, 20)).then(() => 0));
    const during: number[] = [];
    let running = true;
    const prober = (async () => {
      while (running) during.push(await liveMs(), await new Promise((done) => setTimeout(done, 20)).then(() => 0));
    })();
    const burst = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        send(port, 'POST', '/api/v1/auth/login', { 'content-type': 'application/json' }, Buffer.from(JSON.stringify({ username: `nobody-${i}`, password: 'wrong-password' }))),
      ),
    );
    running = false;
    await prober;
    expect(burst.map((a) => a.status)).toEqual(burst.map(() => 401)); // all checked against a hash, none refused early
    // eslint-disable-next-line no-console
    console.log(`sign-in burst (budget ${HEALTH_BUDGET_MS} ms): /health/live floor worst ${Math.max(...floor).toFixed(0)} ms, during the burst worst ${Math.max(...during).toFixed(0)} ms (${during.filter(Boolean).length} probes), burst took ${Math.max(...burst.map((a) => a.ms)).toFixed(0)} ms`);
    expect(Math.max(...during)).toBeLessThan(HEALTH_BUDGET_MS + Math.max(...floor));
  }, 60_000);
});

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.floor(s.length / 2)] : 0;
}

/** One line per distinct failure (operation, role, problem) with one request that shows it. */
function summarise(failures: { problem: string; req: FuzzRequest; answer: Answer }[]): string[] {
  const seen = new Map<string, { problem: string; req: FuzzRequest; answer: Answer; count: number }>();
  for (const f of failures) {
    const key = `${f.req.op} ${f.req.role} ${f.problem.slice(0, 40)}`;
    const s = seen.get(key);
    if (s) s.count++;
    else seen.set(key, { ...f, count: 1 });
  }
  return [...seen.values()].map(
    (f) =>
      `FAIL ×${f.count} ${f.req.op} as ${f.req.role}: ${f.problem}\n    ${f.req.method} ${f.req.path.slice(0, 300)}\n    body (${f.req.body?.contentType ?? 'none'}): ${f.req.body ? f.req.body.bytes.toString('utf8').slice(0, 300) : ''}\n    answer: ${f.answer.body.slice(0, 300)}`,
  );
}
