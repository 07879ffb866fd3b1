import type { Actor } from '@zq/access';
import { recipientMachine } from '@zq/consultation';
import { DraftingService } from '@zq/drafting';
import { randomBytes, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TestApp } from './test-app';

export const REFERENCE_LETTER = readFileSync(join(__dirname, '..', 'fixtures', 'beautiful-towns-round2-letter.txt'), 'utf8');

export interface ConsultedClause {
  id: string;
  lineageKey: string;
  label: string;
  heading: string;
  text: string;
}

export interface ConsultedRound {
  roundId: string;
  versionId: string;
  policyId: string;
  /** 1. … 18.: the numbered items (条) of the draft */
  item(number: number): ConsultedClause;
  unitId(shortName: string): string;
  recipientId(shortName: string): string;
}

export interface ItemSpec {
  /** the draft's item number (条); omit for a general comment */
  item?: number;
  kind: 'modify' | 'delete' | 'add' | 'other';
  quote?: string;
  proposedText?: string;
  reason?: string;
}

/** An office actor as services take it (the demo admin). */
export async function officeActor(t: TestApp): Promise<Actor> {
  const [admin] = await t.dataSource.query(`SELECT id FROM app_user WHERE username = 'admin'`);
  return { userId: admin.id, username: 'admin', displayName: '管理员', role: 'office_admin', unitId: null, parentUnitId: null };
}

/**
 * The reference round after its deadline: the draft imported through DraftingService (a real clause
 * tree with lineage and 责任单位), its version locked, a consultation round (二次征求意见, status
 * closed by default) and a recipient row per named unit. Replies are added with aSealedReply.
 */
export async function aConsultedRound(
  t: TestApp,
  opts: { recipients: string[]; status?: 'open' | 'closed'; roundNumber?: number; silenceRule?: 'no_comment_must_be_written' | 'silence_is_no_comment' },
): Promise<ConsultedRound> {
  const actor = await officeActor(t);
  const imported = await t.app.get(DraftingService).importDraft(actor, { text: REFERENCE_LETTER, label: '二次征求意见稿' });
  const ds = t.dataSource;
  await ds.query(`UPDATE draft_version SET locked_at = now() WHERE id = $1`, [imported.versionId]);
  const units: { id: string; short_name: string }[] = await ds.query(`SELECT id, short_name FROM unit`);
  const unitIds = new Map(units.map((u) => [u.short_name, u.id]));
  const missing = opts.recipients.filter((n) => !unitIds.has(n));
  if (missing.length) throw new Error(`unknown units: ${missing.join(', ')}`);
  const status = opts.status ?? 'closed';
  const [round]: { id: string }[] = await ds.query(
    `INSERT INTO consultation_round (policy_id, version_id, round_number, title, deadline, contact_name, contact_phone, city_approval, silence_rule,
            reminder_policy, status, launched_at, closed_at, recipient_unit_ids)
     VALUES ($1, $2, $3, $4, '2023-05-23T23:59:59.999+08:00', '陈泽', '0571-89892005',
             '{"required":true,"generalOfficeSuffices":true,"requiredSeals":["construction_authority","beautiful_towns_office"]}'::jsonb,
             $5, '{}'::jsonb, $6, '2023-05-17T10:00:00+08:00', CASE WHEN $6 = 'closed' THEN '2023-05-24T09:00:00+08:00'::timestamptz END, $7::uuid[])
     RETURNING id`,
    [
      imported.policyId,
      imported.versionId,
      opts.roundNumber ?? 2,
      `关于征求《${imported.title}》意见的函`,
      opts.silenceRule ?? 'no_comment_must_be_written',
      status,
      opts.recipients.map((n) => unitIds.get(n)),
    ],
  );
  const recipients: { id: string; unit_id: string }[] = await ds.query(
    `INSERT INTO round_recipient (round_id, unit_id) SELECT $1, unnest($2::uuid[]) RETURNING id, unit_id`,
    [round.id, opts.recipients.map((n) => unitIds.get(n))],
  );
  const byUnit = new Map(recipients.map((r) => [r.unit_id, r.id]));
  const items: (ConsultedClause & { number: number })[] = await ds.query(
    `SELECT id, lineage_key AS "lineageKey", label, heading, text, number FROM clause WHERE version_id = $1 AND kind = 'item'`,
    [imported.versionId],
  );
  const byNumber = new Map(items.map((c) => [c.number, c]));
  return {
    roundId: round.id,
    versionId: imported.versionId,
    policyId: imported.policyId,
    item: (n) => byNumber.get(n) ?? fail(`no item ${n}. in the reference draft`),
    unitId: (name) => unitIds.get(name) ?? fail(`unknown unit ${name}`),
    recipientId: (name) => byUnit.get(unitIds.get(name) ?? '') ?? fail(`${name} is not a recipient`),
  };
}

/**
 * A sealed reply as feedback stores it, written with bulk SQL (the sealed tables accept INSERT only):
 * the next revision of the unit's submission, its items, and the recipient moved to submitted with
 * latest_submission_id pointing at it. A second call supersedes the first.
 */
export async function aSealedReply(
  t: TestApp,
  round: ConsultedRound,
  unitName: string,
  reply: { kind?: 'with_comments' | 'no_comment'; items?: ItemSpec[] },
): Promise<{ submissionId: string; itemIds: string[] }> {
  const ds = t.dataSource;
  const kind = reply.kind ?? 'with_comments';
  const unitId = round.unitId(unitName);
  const recipientId = round.recipientId(unitName);
  const [prev] = await ds.query(`SELECT latest_submission_id AS id, status FROM round_recipient WHERE id = $1`, [recipientId]);
  const status = recipientMachine.next(prev.status, prev.status === 'submitted' ? 'revise' : 'submit');
  const [{ revision, chain }] = await ds.query(
    `SELECT (SELECT coalesce(max(revision), 0) + 1 FROM sealed_submission WHERE recipient_id = $1) AS revision,
            (SELECT coalesce(max(chain_seq), 0) + 1 FROM sealed_submission WHERE round_id = $2) AS chain`,
    [recipientId, round.roundId],
  );
  const submissionId = randomUUID();
  const hash = () => randomBytes(32).toString('hex');
  await ds.query(
    `INSERT INTO sealed_submission (id, round_id, recipient_id, unit_id, revision, supersedes_id, kind, signatory, contact_name, contact_phone,
            unit_name, acting_unit_id, acting_unit_name, seals, canonical, digest, signature, key_id, chain_seq, chain_hash, tracking_no,
            sealed_by, sealed_at, deadline_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, '王建国', '李明', '0571-87050000', $8, $4, $8, '[]'::jsonb, '{}', $9, 'c2lnbmF0dXJl', 'test-key', $10, $11,
             $12, $13, '2023-05-22T10:00:00+08:00', '2023-05-23T23:59:59.999+08:00')`,
    [submissionId, round.roundId, recipientId, unitId, revision, prev.id ?? null, kind, unitName, hash(), chain, hash(), `T-${unitName}-${randomBytes(4).toString('hex')}`, randomUUID()],
  );
  const specs = reply.items ?? [];
  const clauses = specs.map((s) => (s.item === undefined ? null : round.item(s.item)));
  const itemIds = specs.map(() => randomUUID());
  if (specs.length) {
    await ds.query(
      `INSERT INTO sealed_item (id, submission_id, round_id, unit_id, clause_id, lineage_key, position, kind, quote, proposed_text, reason)
       SELECT t.id, $1, $2, $3, t.clause_id, t.lineage_key, t.position, t.kind, t.quote, t.proposed_text, t.reason
         FROM unnest($4::uuid[], $5::uuid[], $6::uuid[], $7::int[], $8::text[], $9::text[], $10::text[], $11::text[])
           AS t(id, clause_id, lineage_key, position, kind, quote, proposed_text, reason)`,
      [
        submissionId,
        round.roundId,
        unitId,
        itemIds,
        clauses.map((c) => c?.id ?? null),
        clauses.map((c) => c?.lineageKey ?? null),
        specs.map((_, i) => i + 1),
        specs.map((s) => s.kind),
        specs.map((s) => s.quote ?? ''),
        specs.map((s) => s.proposedText ?? ''),
        specs.map((s) => s.reason ?? ''),
      ],
    );
  }
  await ds.query(
    `UPDATE round_recipient SET status = $4, reply_kind = $2, submitted_at = '2023-05-22T10:00:00+08:00', latest_submission_id = $3 WHERE id = $1`,
    [recipientId, kind, submissionId, status],
  );
  return { submissionId, itemIds };
}

function fail(message: string): never {
  throw new Error(message);
}
