import type { Actor } from '@zq/access';
import { NextVersionService } from '@zq/adoption';
import { DraftingService } from '@zq/drafting';
import { UnitOfWork } from '@zq/jobs';
import { largeDraftNodes, lockedDraft, sealedRepliesAndDecisions } from '../../bench/support/large-round';
import type { TestApp } from './test-app';

/**
 * A large concluded-to-be round, seeded in SQL (bench/support/large-round.ts, as bench/exports.ts and bench/merge.ts do): `units`
 * provincial departments each with `perUnit` sealed items on a draft of `items` items (条) whose each
 * sentence is quoted once, half the items adopted, the others 不采纳 / 部分采纳 / 供参考, and the next
 * version generated. Returns the round.
 */
export async function aLargeRound(t: TestApp, actor: Actor, size: { units: number; perUnit: number; items: number }): Promise<string> {
  const ds = t.dataSource;
  const sentences = (size.units * size.perUnit) / size.items;
  await ds.query(
    `INSERT INTO unit (kind, short_name, full_name, sort_order)
     SELECT 'provincial_department', '大轮次单位' || g, '浙江省大轮次单位' || g, 1000 + g FROM generate_series(1, $1) g`,
    [size.units],
  );
  const { policyId, versionId } = await lockedDraft(ds, { uow: t.app.get(UnitOfWork), drafting: t.app.get(DraftingService) }, actor, '关于大轮次测试的意见', largeDraftNodes({ parts: 1, sections: 1, itemsPerSection: size.items, sentences }));
  const [round] = await ds.query(
    `INSERT INTO consultation_round (policy_id, version_id, round_number, title, deadline, city_approval, reminder_policy, status, launched_at, closed_at)
     VALUES ($1, $2, 1, '关于征求《关于大轮次测试的意见》意见的函', now(), '{"required":false,"generalOfficeSuffices":true,"requiredSeals":[]}', '{}', 'closed', now(), now())
     RETURNING id`,
    [policyId, versionId],
  );
  await ds.query(
    `INSERT INTO round_recipient (round_id, unit_id, status, reply_kind) SELECT $1, id, 'submitted', 'with_comments' FROM unit WHERE short_name LIKE '大轮次单位%'`,
    [round.id],
  );
  await sealedRepliesAndDecisions(ds, { id: round.id, versionId }, { perUnit: size.perUnit, clauseItems: size.items }, actor.userId);
  await t.app.get(NextVersionService).generate(actor, round.id, { label: '送审稿' });
  return round.id;
}
