import type { Actor } from '@zq/access';
import type { DraftingService, NodeToStore } from '@zq/drafting';
import type { UnitOfWork } from '@zq/jobs';
import type { DataSource } from 'typeorm';

/**
 * A large round's replies and decisions, seeded in SQL (bench/merge.ts, bench/exports.ts and the tests'
 * test/support/large-round.ts): each sentence of the draft's items (条) is quoted by one sealed item.
 */

const cn = (n: number) => '一二三四五六七八九十'[n - 1];

/** The j-th sentence of the c-th item: unique in the whole draft, so each quote is found exactly once. */
export const sentence = (c: number, j: number) => `第${c}条第${j}项措施：推进第${j}类设施建设提升。`;

const node = (kind: NodeToStore['kind'], heading: string, text: string, children: NodeToStore[] = []): NodeToStore => ({
  kind,
  label: '',
  number: null,
  heading,
  text,
  responsibleUnits: [],
  children,
});

/** `parts` 部分 × `sections` 行动 × `itemsPerSection` 条, each item `sentences` sentences long. */
export function largeDraftNodes(shape: { parts: number; sections: number; itemsPerSection: number; sentences: number }): NodeToStore[] {
  let c = 0;
  return Array.from({ length: shape.parts }, (_, p) =>
    node('part', `第${cn(p + 1)}部分任务`, '', Array.from({ length: shape.sections }, (_, s) =>
      node('section', `实施第${cn(s + 1)}项行动`, '', Array.from({ length: shape.itemsPerSection }, () => {
        c++;
        return node('item', `推进第${c}项任务`, Array.from({ length: shape.sentences }, (_, j) => sentence(c, j)).join(''));
      })),
    )),
  );
}

/** A policy 《title》 and its 征求意见稿 with these clauses, locked as a round's version is. */
export async function lockedDraft(
  ds: DataSource,
  services: { uow: UnitOfWork; drafting: DraftingService },
  actor: Actor,
  title: string,
  nodes: NodeToStore[],
): Promise<{ policyId: string; versionId: string }> {
  const [policy] = await ds.query(`INSERT INTO policy (title) VALUES ($1) RETURNING id`, [title]);
  const version = await services.uow.run((em) =>
    services.drafting.createVersion(em, actor, {
      policyId: policy.id,
      label: '征求意见稿',
      title: `${title}（征求意见稿）`,
      itemNumbering: 'continuous',
      sourceFormat: 'txt',
      sourceText: null,
      letter: null,
      derivedFromVersionId: null,
      nodes,
    }),
  );
  await ds.query(`UPDATE draft_version SET locked_at = now() WHERE id = $1`, [version.id]);
  return { policyId: policy.id, versionId: version.id };
}

/**
 * Every recipient of the (closed) round has one sealed submission with `perUnit` items: item n is on
 * the draft's item n % clauseItems (its sentence n / clauseItems); kinds 0.5% add, 2% other, 5% delete,
 * the rest modify. Half the items are adopted; of the rest a third each 不采纳, 部分采纳 (with the
 * office's wording) and 供参考. Then ANALYZE.
 */
export async function sealedRepliesAndDecisions(
  ds: DataSource,
  round: { id: string; versionId: string },
  size: { perUnit: number; clauseItems: number },
  actorUserId: string,
): Promise<void> {
  const [{ units }] = await ds.query(`SELECT count(*)::int AS units FROM round_recipient WHERE round_id = $1`, [round.id]);
  await ds.query(
    `INSERT INTO sealed_submission (round_id, recipient_id, unit_id, revision, kind, signatory, contact_name, contact_phone, unit_name, acting_unit_id,
            acting_unit_name, canonical, digest, signature, key_id, chain_seq, chain_hash, tracking_no, sealed_by, sealed_at, deadline_at)
     SELECT rr.round_id, rr.id, rr.unit_id, 1, 'with_comments', '签发人', '联系人', '0571-00000000', u.short_name, u.id, u.short_name, '{}',
            md5(rr.id::text), 'c2ln', 'bench', row_number() OVER (ORDER BY u.sort_order), md5(rr.unit_id::text), 'B-' || u.sort_order, $2, now(), now()
       FROM round_recipient rr JOIN unit u ON u.id = rr.unit_id WHERE rr.round_id = $1`,
    [round.id, actorUserId],
  );
  await ds.query(`UPDATE round_recipient rr SET latest_submission_id = s.id FROM sealed_submission s WHERE s.recipient_id = rr.id AND rr.round_id = $1`, [round.id]);
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
    [round.id, round.versionId, size.clauseItems, size.perUnit, units * size.perUnit],
  );
  await ds.query(
    `INSERT INTO disposition (round_id, item_id, decision, reason, edited_text, decided_by, decided_at)
     SELECT $1, i.id, d.decision, CASE WHEN d.decision IN ('adopted','noted') THEN '' ELSE '理由' END,
            CASE WHEN d.decision = 'partially_adopted' AND i.kind = 'modify' THEN i.proposed_text || '（调整）' END, $2, now()
       FROM (SELECT id, kind, proposed_text, row_number() OVER (ORDER BY id) AS n FROM sealed_item WHERE round_id = $1) i
       CROSS JOIN LATERAL (SELECT CASE WHEN i.n % 2 = 0 THEN 'adopted' WHEN i.n % 6 = 1 THEN 'not_adopted' WHEN i.n % 6 = 3 THEN 'partially_adopted' ELSE 'noted' END AS decision) d`,
    [round.id, actorUserId],
  );
  await ds.query(`ANALYZE`);
}
