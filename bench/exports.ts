/**
 * Exports and the API's event loop: a round of 400 units × 50 comments (20,000 sealed items on a
 * draft of 400 items, half adopted, the next version generated), then each download an office or a
 * unit takes — its time and the longest the event loop was blocked meanwhile (perf_hooks
 * monitorEventLoopDelay, 1 ms resolution). Issue 16: no request may hold the loop more than a few ms.
 * Run: npm run build:server && node dist/bench/exports.js   (PostgreSQL at TEST_PG_URL, default
 * postgres://postgres@127.0.0.1:5432/postgres; a scratch database is created and dropped)
 */
import type { Actor } from '@zq/access';
import { AdoptionReportService, NextVersionService } from '@zq/adoption';
import { BoardService } from '@zq/consultation';
import { DraftingService } from '@zq/drafting';
import { ReplyIntakeService } from '@zq/feedback';
import { UnitOfWork } from '@zq/jobs';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { DataSource } from 'typeorm';
import { runBench, withOfficeBench } from './support/bench-main';
import { largeDraftNodes, lockedDraft, sealedRepliesAndDecisions } from './support/large-round';

const ADMIN_URL = process.env.TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const PARTS = 5;
const SECTIONS = 4;
const ITEMS_PER_SECTION = 20; // 5 × 4 × 20 = 400 items
const UNITS = 400;
const PER_UNIT = 50;
const ITEMS = UNITS * PER_UNIT;
const CLAUSE_ITEMS = PARTS * SECTIONS * ITEMS_PER_SECTION;
const SENTENCES = ITEMS / CLAUSE_ITEMS; // each item of the draft is quoted by 50 sealed items, one sentence each

async function seed(ds: DataSource, drafting: DraftingService, uow: UnitOfWork, actor: Actor): Promise<{ roundId: string; openRoundId: string }> {
  await ds.query(
    `INSERT INTO unit (kind, short_name, full_name, sort_order)
     SELECT 'provincial_department', '测试单位' || g, '浙江省测试单位' || g, g FROM generate_series(1, $1) g`,
    [UNITS],
  );
  await ds.query(
    `INSERT INTO unit_contact (unit_id, name, email, phone) SELECT id, '联系人' || sort_order, 'u' || sort_order || '@example.org', '0571-8800' || sort_order FROM unit`,
  );
  const { policyId, versionId } = await lockedDraft(ds, { uow, drafting }, actor, '关于压力测试的意见', largeDraftNodes({ parts: PARTS, sections: SECTIONS, itemsPerSection: ITEMS_PER_SECTION, sentences: SENTENCES }));
  const round = async (n: number, status: string) =>
    (
      await ds.query(
        `INSERT INTO consultation_round (policy_id, version_id, round_number, title, deadline, city_approval, reminder_policy, status, launched_at, closed_at)
         VALUES ($1, $2, $3, '关于征求《关于压力测试的意见》意见的函', now() + interval '3 days', '{"required":false,"generalOfficeSuffices":true,"requiredSeals":[]}', '{}', $4, now(), CASE WHEN $4 = 'closed' THEN now() END)
         RETURNING id`,
        [policyId, versionId, n, status],
      )
    )[0].id as string;
  const roundId = await round(1, 'closed');
  const openRoundId = await round(2, 'open');
  await ds.query(`INSERT INTO round_recipient (round_id, unit_id, status) SELECT $1, id, 'pending' FROM unit`, [openRoundId]);
  await ds.query(`INSERT INTO round_recipient (round_id, unit_id, status, reply_kind) SELECT $1, id, 'submitted', 'with_comments' FROM unit`, [roundId]);
  await sealedRepliesAndDecisions(ds, { id: roundId, versionId }, { perUnit: PER_UNIT, clauseItems: CLAUSE_ITEMS }, actor.userId);
  return { roundId, openRoundId };
}

async function main(): Promise<number> {
  return withOfficeBench('exports', ADMIN_URL, async ({ app, actor }) => {
    const ds = app.get(DataSource);
    let started = performance.now();
    const { roundId, openRoundId } = await seed(ds, app.get(DraftingService), app.get(UnitOfWork), actor);
    const generated = await app.get(NextVersionService).generate(actor, roundId, { label: '送审稿' });
    process.stdout.write(
      `seeded ${CLAUSE_ITEMS} items, ${ITEMS} sealed items from ${UNITS} units, next version with ${generated.counts.changes} changes in ${((performance.now() - started) / 1000).toFixed(1)} s\n`,
    );
    const reports = app.get(AdoptionReportService);
    const intake = app.get(ReplyIntakeService);
    const board = app.get(BoardService);
    const exports: [string, () => Promise<{ body: Buffer }>][] = [
      ['意见采纳情况表 .docx', () => reports.adoptionTable(actor, roundId, 'docx')],
      ['意见采纳情况表 .xlsx', () => reports.adoptionTable(actor, roundId, 'xlsx')],
      ['修改对照表 .docx', () => reports.comparisonTable(actor, roundId)],
      ['送审稿 .docx', () => reports.nextVersionDocx(actor, roundId)],
      ['反馈意见表 .docx (prefilled)', () => intake.template(actor, roundId, { format: 'docx', prefill: true })],
      ['反馈意见表 .xlsx (prefilled)', () => intake.template(actor, roundId, { format: 'xlsx', prefill: true })],
      ['未反馈单位 .xlsx', () => board.notRepliedXlsx(actor, openRoundId)],
    ];
    const runs = Math.max(1, Number(process.env.BENCH_RUNS ?? 2));
    process.stdout.write(`each export ${runs}× (the first warms up); the last run's figures:\n`);
    for (const [name, make] of exports) {
      let line = '';
      for (let run = 1; run <= runs; run++) {
        const delay = monitorEventLoopDelay({ resolution: 1 });
        delay.enable();
        started = performance.now();
        const file = await make();
        const took = performance.now() - started;
        delay.disable();
        line = `${name.padEnd(24)} ${(file.body.length / 1024).toFixed(0).padStart(6)} KB  ${took.toFixed(0).padStart(5)} ms  max event-loop delay ${(delay.max / 1e6).toFixed(0).padStart(4)} ms`;
      }
      process.stdout.write(`${line}\n`);
    }
    return 0;
  });
}

runBench(main);
