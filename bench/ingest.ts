/**
 * Sealed-submission ingest over HTTP: the whole API (Nest, auth, validation, rules, canonical JSON,
 * Ed25519, hash chain, audit, receipt mail via the outbox) on real PostgreSQL, driven by concurrent
 * keep-alive clients on loopback, each POST sealing a 50-item reply. Then the rows are counted, the
 * round's chain verified, and the same rows written again with raw multi-row INSERTs for comparison.
 *
 * Run: node scripts/build.mjs && node dist/bench/ingest.js   (from the repository root)
 * Env: BENCH_UNITS (400) BENCH_REVISIONS (5) BENCH_CONCURRENCY (32) BENCH_PG_URL (postgres://postgres@127.0.0.1:5432/postgres)
 *      BENCH_REDIS_URL (redis://127.0.0.1:6379, 'none' = BullMQ on PostgreSQL) BENCH_ROLE (api: no workers in the measured
 *      process, as in a scaled deployment; 'all' runs the mail workers too) BENCH_KEEP=1 keeps the scratch database.
 * Target (issue 5): 500 submissions/s (25,000 items/s), p99 < 100 ms, zero errors, zero lost rows.
 */
import { INestApplication } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { TokenClaims } from '@zq/access';
import { ReceiptService } from '@zq/feedback';
import { QueueName, QueueService } from '@zq/jobs';
import { prepareRuntime, Runtime } from '@zq/runtime';
import * as argon2 from 'argon2';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { mkdtemp, rm } from 'node:fs/promises';
import { AddressInfo } from 'node:net';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import { Pool } from 'pg';
import { DataSource } from 'typeorm';
import { createApiApp } from '../apps/api/src/app';
import { importText, type ParsedClause } from '../libs/drafting/src/pure';
import { cleanUpIfInterrupted, deleteKeys } from './support/interrupted';
import { runBench } from './support/bench-main';
import { createScratchDatabase } from './support/scratch-database';

const env = process.env;
const int = (name: string, fallback: number) => (env[name] && /^\d+$/.test(env[name]!) ? Number(env[name]) : fallback);
const UNITS = int('BENCH_UNITS', 400);
const REVISIONS = int('BENCH_REVISIONS', 5);
const CONCURRENCY = int('BENCH_CONCURRENCY', 32);
const ITEMS = 50;
const WARMUP = Math.min(200, UNITS);
const ADMIN_URL = env.BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const REDIS_URL = env.BENCH_REDIS_URL === 'none' ? undefined : (env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379');
const ROLE = env.BENCH_ROLE === 'all' ? 'all' : 'api';
const FIXTURE = join(process.cwd(), 'test/fixtures/beautiful-towns-round2-letter.txt');

const out = (line = '') => process.stdout.write(`${line}\n`);

interface Task {
  token: string;
  body: string;
}

interface LoadResult {
  wallMs: number;
  latencies: number[];
  statuses: Record<string, number>;
  errors: string[];
}

/** The load generator runs on its own thread so client work does not sit in the server's event loop. */
const LOAD_WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const http = require('node:http');
const { performance } = require('node:perf_hooks');
const { port, path, tasks, concurrency } = workerData;
const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
function post(task) {
  return new Promise((resolve) => {
    const started = performance.now();
    const req = http.request({ host: '127.0.0.1', port, path, method: 'POST', agent,
      headers: { 'content-type': 'application/json', authorization: 'Bearer ' + task.token, 'content-length': Buffer.byteLength(task.body) } },
      (res) => { let text = ''; res.setEncoding('utf8'); res.on('data', (c) => (text += c));
        res.on('end', () => resolve({ status: res.statusCode, ms: performance.now() - started, text })); });
    req.on('error', (err) => resolve({ status: 'ERR', ms: performance.now() - started, text: String(err) }));
    req.end(task.body);
  });
}
(async () => {
  let next = 0;
  const latencies = [];
  const statuses = {};
  const errors = [];
  const started = performance.now();
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < tasks.length) {
      const r = await post(tasks[next++]);
      latencies.push(r.ms);
      statuses[r.status] = (statuses[r.status] || 0) + 1;
      if (r.status !== 201 && errors.length < 5) errors.push(r.status + ' ' + r.text.slice(0, 300));
    }
  }));
  parentPort.postMessage({ wallMs: performance.now() - started, latencies, statuses, errors });
  agent.destroy();
})();
`;

function runLoad(port: number, path: string, tasks: Task[], concurrency: number): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(LOAD_WORKER, { eval: true, workerData: { port, path, tasks, concurrency } });
    worker.once('message', resolve);
    worker.once('error', reject);
  });
}

/** BENCH_PROFILE=<file>: a CPU profile of the server thread during the measured phase only (open in Chrome DevTools). */
async function startProfile(): Promise<{ stop(file: string): Promise<string> }> {
  const { Session } = await import('node:inspector');
  const { writeFile } = await import('node:fs/promises');
  const session = new Session();
  session.connect();
  const post = (method: string, params?: object) =>
    new Promise<any>((resolve, reject) => session.post(method, params ?? {}, (err, result) => (err ? reject(err) : resolve(result))));
  await post('Profiler.enable');
  await post('Profiler.start');
  return {
    stop: async (file) => {
      const { profile } = await post('Profiler.stop');
      session.disconnect();
      await writeFile(file, JSON.stringify(profile));
      return file;
    },
  };
}

/** CPU seconds used so far by this database's PostgreSQL backends (Linux /proc; 0 where unreadable). */
async function backendCpuSeconds(ds: DataSource): Promise<number> {
  const pids: { pid: number }[] = await ds.query(`SELECT pid FROM pg_stat_activity WHERE datname = current_database()`);
  let ticks = 0;
  for (const { pid } of pids) {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    ticks += Number(fields[11] ?? 0) + Number(fields[12] ?? 0); // utime + stime
  }
  return ticks / 100; // USER_HZ
}

function percentile(sorted: number[], p: number): number {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] : NaN;
}


/** Units, approver accounts, the reference draft, an open round and one 50-item draft per unit, all as bulk SQL. */
async function seed(ds: DataSource, jwt: JwtService) {
  const hash = await argon2.hash(randomBytes(12).toString('base64url')); // one hash for every account
  const units: { id: string; short_name: string }[] = await ds.query(
    `INSERT INTO unit (kind, short_name, full_name, sort_order)
     SELECT 'provincial_department', '压测单位' || lpad(i::text, 4, '0'), '压测用单位' || lpad(i::text, 4, '0'), 1000 + i
       FROM generate_series(1, $1::int) AS i RETURNING id, short_name`,
    [UNITS],
  );
  await ds.query(
    `INSERT INTO unit_contact (unit_id, name, email, phone, is_primary)
     SELECT id, short_name || '联络员', 'bench' || substr(short_name, 5) || '@example.org', '0571-80000000', true FROM unit WHERE id = ANY($1::uuid[])`,
    [units.map((u) => u.id)],
  );
  const users: { id: string; username: string; unit_id: string }[] = await ds.query(
    `INSERT INTO app_user (username, display_name, password_hash, role, unit_id)
     SELECT short_name || '.approver', short_name || '签发人', $2, 'unit_approver', id FROM unit WHERE id = ANY($1::uuid[])
     RETURNING id, username, unit_id`,
    [units.map((u) => u.id), hash],
  );

  const parsed = importText(readFileSync(FIXTURE, 'utf8'));
  const [policy] = await ds.query(`INSERT INTO policy (title) VALUES ($1) RETURNING id`, [parsed.title]);
  const [version] = await ds.query(
    `INSERT INTO draft_version (policy_id, seq, label, title, source_format) VALUES ($1, 2, '二次征求意见稿', $2, 'txt') RETURNING id`,
    [policy.id, parsed.title],
  );
  const clauses: { id: string; parentId: string | null; position: number; ordinal: number; kind: string; label: string; number: number | null; heading: string; text: string }[] = [];
  const walk = (nodes: ParsedClause[], parentId: string | null) =>
    nodes.forEach((n, position) => {
      const id = randomUUID();
      clauses.push({ id, parentId, position, ordinal: clauses.length, kind: n.kind, label: n.label, number: n.number, heading: n.heading, text: n.text });
      walk(n.children, id);
    });
  walk(parsed.clauses, null);
  await ds.query(
    `INSERT INTO clause (id, version_id, parent_id, position, ordinal, kind, label, number, heading, text, lineage_key)
     SELECT t.id, $1, t.parent_id, t.position, t.ordinal, t.kind, t.label, t.number, t.heading, t.text, gen_random_uuid()
       FROM unnest($2::uuid[], $3::uuid[], $4::int[], $5::int[], $6::text[], $7::text[], $8::int[], $9::text[], $10::text[])
         AS t(id, parent_id, position, ordinal, kind, label, number, heading, text)`,
    [version.id, ...(['id', 'parentId', 'position', 'ordinal', 'kind', 'label', 'number', 'heading', 'text'] as const).map((k) => clauses.map((c) => c[k]))],
  );
  await ds.query(`UPDATE draft_version SET locked_at = now() WHERE id = $1`, [version.id]);
  const [round] = await ds.query(
    `INSERT INTO consultation_round (policy_id, version_id, round_number, title, deadline, city_approval, reminder_policy, status, launched_at)
     VALUES ($1, $2, 2, $3, now() + interval '30 days', $4::jsonb, '{}'::jsonb, 'open', now()) RETURNING id`,
    [policy.id, version.id, `关于征求《${parsed.title}》意见的函`, JSON.stringify({ required: true, generalOfficeSuffices: true, requiredSeals: ['construction_authority', 'beautiful_towns_office'] })],
  );
  const recipients: { id: string; unit_id: string }[] = await ds.query(
    `INSERT INTO round_recipient (round_id, unit_id) SELECT $1, unnest($2::uuid[]) RETURNING id, unit_id`,
    [round.id, units.map((u) => u.id)],
  );
  const scan = Buffer.from('%PDF-1.4\n% 压测单位盖章页\n%%EOF\n');
  const evidence: { id: string; unit_id: string }[] = await ds.query(
    `INSERT INTO evidence_file (round_id, unit_id, filename, mime, size, sha256, content)
     SELECT $1, unnest($2::uuid[]), '盖章页.pdf', 'application/pdf', $3, $4, $5 RETURNING id, unit_id`,
    [round.id, units.map((u) => u.id), scan.length, createHash('sha256').update(scan).digest('hex'), scan],
  );

  const quotable = clauses.filter((c) => c.text.length >= 40);
  const kinds = ['modify', 'delete', 'add', 'other'];
  const draftItems = (unitIndex: number) =>
    Array.from({ length: ITEMS }, (_, i) => {
      const clause = quotable[(unitIndex + i) % quotable.length];
      const start = (i * 3) % (clause.text.length - 20);
      const quote = clause.text.slice(start, start + 18);
      return {
        key: `k${i + 1}`,
        clauseId: clause.id,
        quote,
        kind: kinds[i % kinds.length],
        proposedText: `${quote}，并明确责任分工和完成时限（第${unitIndex + 1}单位第${i + 1}条）`,
        reason: '与本部门职责和现行政策表述保持一致，便于落实',
      };
    });
  const unitIndex = new Map(units.map((u, i) => [u.id, i]));
  await ds.query(
    `INSERT INTO feedback_draft (round_id, recipient_id, unit_id, kind, items, version)
     SELECT $1, t.recipient_id, t.unit_id, 'with_comments', t.items::jsonb, 1
       FROM unnest($2::uuid[], $3::uuid[], $4::text[]) AS t(recipient_id, unit_id, items)`,
    [round.id, recipients.map((r) => r.id), recipients.map((r) => r.unit_id), recipients.map((r) => JSON.stringify(draftItems(unitIndex.get(r.unit_id)!)))],
  );

  // Tokens are minted directly: 400 argon2 logins would be tens of CPU-seconds that are not ingest.
  const evidenceOf = new Map(evidence.map((e) => [e.unit_id, e.id]));
  const nameOf = new Map(units.map((u) => [u.id, u.short_name]));
  const tasksPerUnit = await Promise.all(
    users.map(async (u) => {
      const claims: TokenClaims = { sub: u.id, role: 'unit_approver', unitId: u.unit_id, parentUnitId: null, username: u.username, name: `${nameOf.get(u.unit_id)}签发人` };
      return {
        token: await jwt.signAsync(claims, { expiresIn: 3600 }),
        body: JSON.stringify({
          draftVersion: 1,
          signatory: '压测签发人',
          contactName: '压测联系人',
          contactPhone: '0571-80000000',
          seals: [{ role: 'unit', evidenceFileId: evidenceOf.get(u.unit_id) }],
        }),
      };
    }),
  );
  return { roundId: round.id as string, tasksPerUnit };
}

/** The same rows again, straight into look-alike tables: one transaction per submission (1 + 50 rows), same concurrency. */
async function rawInsert(url: string, roundId: string, concurrency: number) {
  const pool = new Pool({ connectionString: url, max: Math.min(concurrency, 20) });
  await pool.query(`CREATE TABLE raw_submission (LIKE sealed_submission INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING INDEXES INCLUDING STORAGE INCLUDING COMPRESSION)`);
  await pool.query(`CREATE TABLE raw_item (LIKE sealed_item INCLUDING DEFAULTS INCLUDING CONSTRAINTS INCLUDING INDEXES INCLUDING STORAGE INCLUDING COMPRESSION)`);
  const subs: Record<string, unknown>[] = (await pool.query(`SELECT * FROM sealed_submission WHERE round_id = $1 ORDER BY chain_seq`, [roundId])).rows;
  const items: Record<string, unknown>[] = (await pool.query(`SELECT * FROM sealed_item WHERE round_id = $1`, [roundId])).rows;
  const bySub = new Map<unknown, Record<string, unknown>[]>();
  for (const i of items) bySub.set(i.submission_id, [...(bySub.get(i.submission_id) ?? []), i]);
  const subCols = Object.keys(subs[0]);
  const itemCols = Object.keys(items[0]);
  const values = (rows: Record<string, unknown>[], cols: string[]) => {
    const params: unknown[] = [];
    const tuples = rows.map((row) => `(${cols.map((c) => (params.push(typeof row[c] === 'object' && row[c] !== null && !(row[c] instanceof Date) ? JSON.stringify(row[c]) : row[c]), `$${params.length}`)).join(',')})`);
    return { sql: tuples.join(','), params };
  };
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < subs.length) {
        const s = subs[next++];
        const client = await pool.connect();
        try {
          await client.query('BEGIN');
          const a = values([s], subCols);
          await client.query(`INSERT INTO raw_submission (${subCols.join(',')}) VALUES ${a.sql}`, a.params);
          const rows = bySub.get(s.id) ?? [];
          if (rows.length) {
            const b = values(rows, itemCols);
            await client.query(`INSERT INTO raw_item (${itemCols.join(',')}) VALUES ${b.sql}`, b.params);
          }
          await client.query('COMMIT');
        } finally {
          client.release();
        }
      }
    }),
  );
  const perSubmissionMs = performance.now() - started;
  // and as one bulk load: multi-row INSERTs of 1,000 rows, one transaction
  await pool.query(`TRUNCATE raw_submission, raw_item`);
  const bulkStarted = performance.now();
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    for (let i = 0; i < subs.length; i += 500) {
      const a = values(subs.slice(i, i + 500), subCols);
      await client.query(`INSERT INTO raw_submission (${subCols.join(',')}) VALUES ${a.sql}`, a.params);
    }
    for (let i = 0; i < items.length; i += 1000) {
      const b = values(items.slice(i, i + 1000), itemCols);
      await client.query(`INSERT INTO raw_item (${itemCols.join(',')}) VALUES ${b.sql}`, b.params);
    }
    await client.query('COMMIT');
  } finally {
    client.release();
  }
  const bulkMs = performance.now() - bulkStarted;
  await pool.end();
  return { submissions: subs.length, items: items.length, perSubmissionMs, bulkMs };
}

async function main(): Promise<number> {
  const db = await createScratchDatabase('zq_bench_ingest', ADMIN_URL);
  if (REDIS_URL) cleanUpIfInterrupted(() => deleteKeys(REDIS_URL, `zqbench-${process.pid}-*`));
  if (env.BENCH_KEEP !== '1') cleanUpIfInterrupted(() => db.drop());
  const dataDir = await mkdtemp(join(tmpdir(), 'zq-bench-'));
  let runtime: Runtime | undefined;
  let app: INestApplication | undefined;
  try {
    runtime = await prepareRuntime({
      NODE_ENV: 'bench',
      APP_ROLE: ROLE,
      DATABASE_URL: db.url,
      ...(REDIS_URL ? { REDIS_URL } : {}),
      DATA_DIR: dataDir,
      DEMO_MODE: 'true',
      QUEUE_PREFIX: `zqbench-${process.pid}-${Date.now()}`,
      JWT_SECRET: randomBytes(32).toString('hex'),
      LOG_LEVEL: env.LOG_LEVEL ?? 'warn',
      THROTTLE_PER_MINUTE: '10000000',
      PATH: env.PATH,
    });
    app = await createApiApp(runtime);
    await app.listen(0, '127.0.0.1');
    const port = (app.getHttpServer().address() as AddressInfo).port;
    const ds = app.get(DataSource);
    const pg = (await ds.query(`SHOW server_version`))[0].server_version;
    out(`ingest bench — ${cpus().length} cores (${cpus()[0]?.model ?? '?'}), Node ${process.version}, PostgreSQL ${pg}, queue ${runtime.queueConnection.backend}, role ${ROLE}`);
    out(`${UNITS} units × ${REVISIONS} sealed revisions × ${ITEMS} items, ${CONCURRENCY} concurrent keep-alive clients on loopback`);

    const seedStarted = performance.now();
    const { roundId, tasksPerUnit } = await seed(ds, app.get(JwtService, { strict: false }));
    out(`setup (bulk SQL: units, accounts, draft clauses, round, ${UNITS} drafts of ${ITEMS} items): ${((performance.now() - seedStarted) / 1000).toFixed(1)} s`);

    const tasks: Task[] = [];
    for (let r = 0; r < REVISIONS; r++) tasks.push(...tasksPerUnit); // unit-major: no unit is sealed twice at once
    const path = `/api/v1/rounds/${roundId}/my-reply/seal`;
    const warm = await runLoad(port, path, tasks.slice(0, WARMUP), CONCURRENCY);
    const profiler = env.BENCH_PROFILE ? await startProfile() : null;
    const loadBefore = loadavg()[0];
    const pgBefore = await backendCpuSeconds(ds);
    const cpuBefore = process.cpuUsage();
    const eluBefore = performance.eventLoopUtilization();
    const load = await runLoad(port, path, tasks.slice(WARMUP), CONCURRENCY);
    const elu = performance.eventLoopUtilization(eluBefore);
    const cpu = process.cpuUsage(cpuBefore);
    const pgCpu = (await backendCpuSeconds(ds)) - pgBefore;
    if (profiler) out(`server CPU profile of the measured phase: ${await profiler.stop(env.BENCH_PROFILE!)}`);

    const ok = load.statuses['201'] ?? 0;
    const sorted = [...load.latencies].sort((a, b) => a - b);
    const subsPerSec = ok / (load.wallMs / 1000);
    const p50 = percentile(sorted, 50);
    const p99 = percentile(sorted, 99);
    const failed = load.latencies.length - ok + (warm.latencies.length - (warm.statuses['201'] ?? 0));
    out('');
    out(`measured: ${load.latencies.length} POST /seal after ${warm.latencies.length} warm-up, in ${(load.wallMs / 1000).toFixed(2)} s`);
    out(`  submissions/s  ${subsPerSec.toFixed(0)}   (target 500)`);
    out(`  items/s        ${(subsPerSec * ITEMS).toFixed(0)}   (target 25000)`);
    out(`  latency ms     p50 ${p50.toFixed(1)}  p90 ${percentile(sorted, 90).toFixed(1)}  p99 ${p99.toFixed(1)}  max ${sorted.at(-1)?.toFixed(1)}   (target p99 < 100)`);
    out(`  Node CPU       ${((cpu.user + cpu.system) / 1000 / load.latencies.length).toFixed(1)} ms per seal (API process, all threads), ${((cpu.user + cpu.system) / 1000 / load.wallMs).toFixed(2)} cores`);
    out(`  event loop     ${(elu.utilization * 100).toFixed(0)}% busy (the server's main thread: ${((elu.active / load.latencies.length) * 1000).toFixed(0)} µs per seal)`);
    out(`  PostgreSQL CPU ${((pgCpu * 1000) / load.latencies.length).toFixed(1)} ms per seal (this database's backends), ${((pgCpu * 1000) / load.wallMs).toFixed(2)} cores`);
    out(`  machine load   ${loadBefore.toFixed(1)} before, ${loadavg()[0].toFixed(1)} after (1-min load average; other work on this machine skews the figures)`);
    out(`  errors         ${failed}${failed ? `  ${JSON.stringify({ ...warm.statuses, ...load.statuses })}` : ''}`);
    for (const e of [...warm.errors, ...load.errors].slice(0, 5)) out(`    ${e}`);

    const expected = tasks.length;
    const [counts] = await ds.query(
      `SELECT (SELECT count(*)::int FROM sealed_submission WHERE round_id = $1) AS submissions,
              (SELECT count(*)::int FROM sealed_item WHERE round_id = $1) AS items,
              (SELECT count(*)::int FROM audit_event WHERE action = 'submission.sealed') AS sealed_audit,
              (SELECT count(*)::int FROM mail_message WHERE purpose = 'receipt') AS receipts,
              (SELECT count(*)::int FROM round_recipient WHERE round_id = $1 AND status = 'submitted') AS submitted`,
      [roundId],
    );
    const lost = expected - counts.submissions;
    out(
      `rows: ${counts.submissions}/${expected} submissions, ${counts.items}/${expected * ITEMS} items, ${counts.sealed_audit} seal audit rows, ` +
        `${counts.receipts} receipt mails, ${counts.submitted}/${UNITS} recipients submitted — ${lost === 0 && counts.items === expected * ITEMS ? 'none lost' : `${lost} LOST`}`,
    );

    const verifyStarted = performance.now();
    const verification = await app.get(ReceiptService).verifyRound(roundId);
    out(`verify-round: ${verification.ok ? 'all receipts and the chain verify' : 'FAILED'} (${verification.submissions.length} submissions, ${((performance.now() - verifyStarted) / 1000).toFixed(1)} s)`);

    const raw = await rawInsert(db.url, roundId, CONCURRENCY);
    const rawPerSec = raw.submissions / (raw.perSubmissionMs / 1000);
    const bulkPerSec = raw.submissions / (raw.bulkMs / 1000);
    out('');
    out(`raw multi-row INSERT of the same ${raw.submissions} submissions / ${raw.items} items (no API, no checks, no crypto, no chain lock):`);
    out(`  one transaction per submission (1 + ${ITEMS} rows), ${CONCURRENCY} clients: ${rawPerSec.toFixed(0)} submissions/s, ${((raw.items / raw.perSubmissionMs) * 1000).toFixed(0)} items/s`);
    out(`  one bulk transaction (1,000-row INSERTs): ${bulkPerSec.toFixed(0)} submissions/s, ${((raw.items / raw.bulkMs) * 1000).toFixed(0)} items/s`);
    out(`  API / raw ratio: ${(subsPerSec / rawPerSec).toFixed(2)} of per-submission raw, ${(subsPerSec / bulkPerSec).toFixed(3)} of bulk raw`);

    await app.get(QueueService).queue(QueueName.Mail).obliterate({ force: true }).catch(() => undefined);
    const targetMet = subsPerSec >= 500 && p99 < 100 && failed === 0 && lost === 0 && verification.ok;
    out(`target ${targetMet ? 'MET' : 'NOT MET'}`);
    return failed === 0 && lost === 0 && verification.ok ? 0 : 1;
  } finally {
    await app?.close();
    await runtime?.stopExternal();
    if (env.BENCH_KEEP === '1') out(`kept database ${db.url}`);
    else await db.drop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

runBench(main);
