import type { Actor } from '@zq/access';
import { NextVersionService } from '@zq/adoption';
import { DraftingService, NodeToStore } from '@zq/drafting';
import { UnitOfWork } from '@zq/jobs';
import type { TestApp } from './test-app';

/**
 * A large concluded-to-be round, seeded in SQL (as bench/exports.ts and bench/merge.ts do): `units`
 * provincial departments each with `perUnit` sealed items on a draft of `items` items (条) whose each
 * sentence is quoted once, half the items adopted, the others 不采纳 / 部分采纳 / 供参考, and the next
 * version generated. Returns the round.
 */
export async function aLargeRound(t: TestApp, actor: Actor, size: { units: number; perUnit: number; items: number }): Promise<string> {
  const ds = t.dataSource;
  const total = size.units * size.perUnit;
  const sentences = total / size.items;
  const sentence = (c: number, j: number) => `第${c}条第${j}项措施：推进第${j}类设施建设提升。`;
  const nodes: NodeToStore[] = Array.from({ length: size.items }, (_, i) => ({
    kind: 'item',
    label: '',
    number: null,
    heading: `推进第${i + 1}项任务`,
    text: Array.from({ length: sentences }, (_, j) => sentence(i + 1, j)).join(''),
    responsibleUnits: [],
    children: [],
  }));
  await ds.query(
    `INSERT INTO unit (kind, short_name, full_name, sort_order)
     SELECT 'provincial_department', '大轮次单位' || g, '浙江省大轮次单位' || g, 1000 + g FROM generate_series(1, $1) g`,
    [size.units],
  );
  const [policy] = await ds.query(`INSERT INTO policy (title) VALUES ('关于大轮次测试的意见') RETURNING id`);
  const version = await t.app.get(UnitOfWork).run((em) =>
    t.app.get(DraftingService).createVersion(em, actor, {
      policyId: policy.id,
      label: '征求意见稿',
      title: '关于大轮次测试的意见（征求意见稿）',
      itemNumbering: 'continuous',
      sourceFormat: 'txt',
      sourceText: null,
      letter: null,
      derivedFromVersionId: null,
      nodes: [{ kind: 'part', label: '', number: null, heading: '主要任务', text: '', responsibleUnits: [], children: nodes }],
    }),
  );
  await ds.query(`UPDATE draft_version SET locked_at = now() WHERE id = $1`, [version.id]);
  const [round] = await ds.query(
    `INSERT INTO consultation_round (policy_id, version_id, round_number, title, deadline, city_approval, reminder_policy, status, launched_at, closed_at)
     VALUES ($1, $2, 1, '关于征求《关于大轮次测试的意见》意见的函', now(), '{"required":false,"generalOfficeSuffices":true,"requiredSeals":[]}', '{}', 'closed', now(), now())
     RETURNING id`,
    [policy.id, version.id],
  );
  await ds.query(
    `INSERT INTO round_recipient (round_id, unit_id, status, reply_kind) SELECT $1, id, 'submitted', 'with_comments' FROM unit WHERE short_name LIKE '大轮次单位%'`,
    [round.id],
  );
  await ds.query(
    `INSERT INTO sealed_submission (round_id, recipient_id, unit_id, revision, kind, signatory, contact_name, contact_phone, unit_name, acting_unit_id,
            acting_unit_name, canonical, digest, signature, key_id, chain_seq, chain_hash, tracking_no, sealed_by, sealed_at, deadline_at)
     SELECT rr.round_id, rr.id, rr.unit_id, 1, 'with_comments', '签发人', '联系人', '0571-00000000', u.short_name, u.id, u.short_name, '{}',
            md5(rr.id::text), 'c2ln', 'test', row_number() OVER (ORDER BY u.sort_order), md5(rr.unit_id::text), 'L-' || u.sort_order, $2, now(), now()
       FROM round_recipient rr JOIN unit u ON u.id = rr.unit_id WHERE rr.round_id = $1`,
    [round.id, actor.userId],
  );
  await ds.query(`UPDATE round_recipient rr SET latest_submission_id = s.id FROM sealed_submission s WHERE s.recipient_id = rr.id AND rr.round_id = $1`, [round.id]);
  // item n: clause n % items (its sentence n / items), unit n / perUnit; kinds: 0.5% add, 2% other, 5% delete, the rest modify
  await ds.query(
    `WITH clauses AS (SELECT id, lineage_key, row_number() OVER (ORDER BY ordinal) - 1 AS c FROM clause WHERE version_id = $2 AND kind = 'item'),
          subs AS (SELECT s.id, s.unit_id, row_number() OVER (ORDER BY u.sort_order) - 1 AS u FROM sealed_submission s JOIN unit u ON u.id = s.unit_id WHERE s.round_id = $1),
          items AS (SELECT n, n % $3 AS c, n / $3 AS j, n / $4 AS u, n % 200 AS k FROM generate_series(0, $5::int - 1) n)
     INSERT INTO sealed_item (submission_id, round_id, unit_id, clause_id, lineage_key, position, kind, quote, proposed_text, reason)
     SELECT subs.id, $1, subs.unit_id, clauses.id, clauses.lineage_key, items.n % $4 + 1,
            CASE WHEN k = 0 THEN 'add' WHEN k < 5 THEN 'other' WHEN k < 15 THEN 'delete' ELSE 'modify' END,
            CASE WHEN k = 0 THEN '' ELSE '第' || (items.c + 1) || '条第' || items.j || '项措施：推进第' || items.j || '类设施建设提升。' END,
            CASE WHEN k = 0 THEN '新增第' || items.n || '号措施。' WHEN k < 5 THEN '建议研究' WHEN k < 15 THEN ''
                 ELSE '第' || (items.c + 1) || '条第' || items.j || '项措施：全面推进第' || items.j || '类设施建设提质增效。' END,
            '理由' || items.n
       FROM items JOIN clauses ON clauses.c = items.c JOIN subs ON subs.u = items.u`,
    [round.id, version.id, size.items, size.perUnit, total],
  );
  await ds.query(
    `INSERT INTO disposition (round_id, item_id, decision, reason, edited_text, decided_by, decided_at)
     SELECT $1, i.id, d.decision, CASE WHEN d.decision IN ('adopted','noted') THEN '' ELSE '理由' END,
            CASE WHEN d.decision = 'partially_adopted' AND i.kind = 'modify' THEN i.proposed_text || '（调整）' END, $2, now()
       FROM (SELECT id, kind, proposed_text, row_number() OVER (ORDER BY id) AS n FROM sealed_item WHERE round_id = $1) i
       CROSS JOIN LATERAL (SELECT CASE WHEN i.n % 2 = 0 THEN 'adopted' WHEN i.n % 6 = 1 THEN 'not_adopted' WHEN i.n % 6 = 3 THEN 'partially_adopted' ELSE 'noted' END AS decision) d`,
    [round.id, actor.userId],
  );
  await ds.query(`ANALYZE`);
  await t.app.get(NextVersionService).generate(actor, round.id, { label: '送审稿' });
  return round.id;
}
