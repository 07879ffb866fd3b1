import { Actor, isOffice } from '@zq/access';
import { ConsultationErrors } from '@zq/consultation';
import { FeedbackErrors } from './errors';
import type { EntityManager } from 'typeorm';
import type { CityOfficeRole, RoundReplyRules } from './rules/reply-rules';

/** The round and the recipient row a unit user replies for, as the reply services need them. */
export interface ReplyContext {
  round: {
    id: string;
    title: string;
    roundNumber: number;
    status: 'draft' | 'open' | 'closed' | 'concluded';
    versionId: string;
    deadline: Date;
    silenceRule: string;
    rules: RoundReplyRules;
  };
  recipient: {
    id: string;
    unitId: string;
    status: 'pending' | 'viewed' | 'drafting' | 'submitted' | 'returned' | 'exempted';
    replyKind: 'with_comments' | 'no_comment' | null;
    deadlineOverride: Date | null;
    latestSubmissionId: string | null;
    /** deadline_override ?? round.deadline */
    effectiveDeadline: Date;
  };
}

/** The columns a reply context is read from (the sealing batch query selects them too). */
export interface ContextRow {
  round_id: string;
  title: string;
  round_number: number;
  round_status: ReplyContext['round']['status'];
  version_id: string;
  deadline: Date;
  silence_rule: string;
  seal_required: boolean;
  city_approval: RoundReplyRules['cityApproval'];
  recipient_id: string;
  unit_id: string;
  recipient_status: ReplyContext['recipient']['status'];
  reply_kind: ReplyContext['recipient']['replyKind'];
  deadline_override: Date | null;
  latest_submission_id: string | null;
}

/** Units a unit user may reply for: its own unit, and for a city office also its city. */
export function replyingUnitIds(actor: Actor): string[] {
  return [actor.unitId, actor.parentUnitId].filter((id): id is string => !!id);
}

/**
 * Finds the recipient row the actor replies for in this round (its own unit first, else its city).
 * The office has no reply of its own; a unit not asked in the round, or a round not yet launched,
 * reads as not found, so rounds and replies of others cannot be probed.
 */
export async function loadReplyContext(em: EntityManager, actor: Actor, roundId: string, opts: { lock?: boolean } = {}): Promise<ReplyContext> {
  if (isOffice(actor)) throw FeedbackErrors.unitUserOnlyDraft();
  const units = replyingUnitIds(actor);
  const rows: ContextRow[] = await em.query(
    `SELECT r.id AS round_id, r.title, r.round_number, r.status AS round_status, r.version_id, r.deadline, r.silence_rule,
            r.seal_required, r.city_approval,
            rr.id AS recipient_id, rr.unit_id, rr.status AS recipient_status, rr.reply_kind, rr.deadline_override,
            rr.latest_submission_id
       FROM round_recipient rr JOIN consultation_round r ON r.id = rr.round_id
      WHERE rr.round_id = $1 AND rr.unit_id = ANY($2::uuid[]) AND r.status <> 'draft'
      ORDER BY (rr.unit_id = $3) DESC
      LIMIT 1 ${opts.lock ? 'FOR UPDATE OF rr' : ''}`,
    [roundId, units, actor.unitId],
  );
  const row = rows[0];
  if (!row) throw ConsultationErrors.roundNotFoundForUnit({ roundId });
  return contextFromRow(row);
}

/** One row of the round joined with the recipient → the context the reply services use. */
export function contextFromRow(row: ContextRow): ReplyContext {
  return {
    round: {
      id: row.round_id,
      title: row.title,
      roundNumber: row.round_number,
      status: row.round_status,
      versionId: row.version_id,
      deadline: row.deadline,
      silenceRule: row.silence_rule,
      rules: {
        sealRequired: row.seal_required,
        cityApproval: {
          required: !!row.city_approval?.required,
          generalOfficeSuffices: !!row.city_approval?.generalOfficeSuffices,
          requiredSeals: (row.city_approval?.requiredSeals ?? []) as CityOfficeRole[],
        },
      },
    },
    recipient: {
      id: row.recipient_id,
      unitId: row.unit_id,
      status: row.recipient_status,
      replyKind: row.reply_kind,
      deadlineOverride: row.deadline_override,
      latestSubmissionId: row.latest_submission_id,
      effectiveDeadline: row.deadline_override ?? row.deadline,
    },
  };
}

export function requireRoundOpen(ctx: ReplyContext): void {
  if (ctx.round.status !== 'open') {
    const label = { draft: '尚未发出', open: '征求中', closed: '已截止', concluded: '已办结' }[ctx.round.status];
    throw FeedbackErrors.roundNotOpenForReplies(label, { status: ctx.round.status });
  }
}

/** TypeORM's query() answers [rows, count] for UPDATE … RETURNING and rows for SELECT. */
export function rowsOf<T>(result: unknown): T[] {
  if (Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number') return result[0] as T[];
  return result as T[];
}
