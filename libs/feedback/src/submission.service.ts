import { Inject, Injectable } from '@nestjs/common';
import { AccessPolicy, Actor, isOffice } from '@zq/access';
import { ConsultationErrors } from '@zq/consultation';
import { FeedbackErrors } from './errors';
import { RecipientService } from '@zq/consultation';
import { UnitOfWork } from '@zq/jobs';
import { MailService, returnedMail } from '@zq/mail';
import { APP_CONFIG, AppConfig, recordAudit } from '@zq/persistence';
import { DataSource, EntityManager } from 'typeorm';
import { shanghaiText } from './format';
import { replyingUnitIds, rowsOf } from './reply-context';

export interface SubmissionSummary {
  id: string;
  trackingNo: string;
  unit: { id: string; name: string };
  actingUnit: { id: string; name: string };
  revision: number;
  kind: 'with_comments' | 'no_comment' | 'withdrawal';
  itemCount: number;
  sealedAt: Date;
  deadlineAt: Date;
  late: boolean;
  lateSeconds: number;
  /** the recipient's latest sealed submission (what the board shows) */
  isLatest: boolean;
  supersededById: string | null;
  review: { action: 'accepted' | 'returned'; reason: string; reviewedAt: Date } | null;
}

export interface SubmissionDetail extends SubmissionSummary {
  roundId: string;
  signatory: string;
  contact: { name: string; phone: string };
  attestation: { channel: string; statement: string | null } | null;
  seals: { unitId: string; unitName: string; role: string; evidenceFileId: string; evidenceSha256: string; filename: string | null }[];
  withdrawalReason: string | null;
  items: { position: number; clauseId: string | null; clauseLabel: string | null; clauseHeading: string | null; kind: string; quote: string; proposedText: string; reason: string }[];
  reviews: { action: 'accepted' | 'returned'; reason: string; reviewedBy: string; reviewedAt: Date }[];
  receipt: { digest: string; signature: string; keyId: string; chainSeq: number; prevChainHash: string | null; chainHash: string };
}

const SUMMARY_SQL = `
  SELECT s.id, s.tracking_no AS "trackingNo", json_build_object('id', s.unit_id, 'name', s.unit_name) AS unit,
         json_build_object('id', s.acting_unit_id, 'name', s.acting_unit_name) AS "actingUnit",
         s.revision, s.kind, (SELECT count(*)::int FROM sealed_item i WHERE i.submission_id = s.id) AS "itemCount",
         s.sealed_at AS "sealedAt", s.deadline_at AS "deadlineAt", s.late_seconds > 0 AS late, s.late_seconds AS "lateSeconds",
         rr.latest_submission_id IS NOT DISTINCT FROM s.id AS "isLatest",
         (SELECT n.id FROM sealed_submission n WHERE n.supersedes_id = s.id LIMIT 1) AS "supersededById",
         (SELECT json_build_object('action', v.action, 'reason', v.reason, 'reviewedAt', v.reviewed_at)
            FROM submission_review v WHERE v.submission_id = s.id ORDER BY v.reviewed_at DESC, v.id DESC LIMIT 1) AS review
    FROM sealed_submission s JOIN round_recipient rr ON rr.id = s.recipient_id`;

/**
 * Sealed submissions as the office and the units read them. Units see only their own; the office sees
 * every sealed one (never drafts), and each time it opens one an audit row records who looked.
 */
@Injectable()
export class SubmissionService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly uow: UnitOfWork,
    private readonly mail: MailService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly recipients: RecipientService,
  ) {}

  async list(actor: Actor, roundId: string, opts: { latestOnly?: boolean } = {}): Promise<SubmissionSummary[]> {
    const em = this.dataSource.manager;
    const office = isOffice(actor);
    const rounds: { id: string }[] = await em.query(
      office
        ? `SELECT id FROM consultation_round WHERE id = $1`
        : `SELECT r.id FROM consultation_round r JOIN round_recipient rr ON rr.round_id = r.id
            WHERE r.id = $1 AND r.status <> 'draft' AND rr.unit_id = ANY($2::uuid[]) LIMIT 1`,
      office ? [roundId] : [roundId, replyingUnitIds(actor)],
    );
    if (!rounds.length) throw ConsultationErrors.roundNotFoundForUnit({ roundId });
    const where = ['s.round_id = $1'];
    const params: unknown[] = [roundId];
    if (!office) {
      params.push(replyingUnitIds(actor));
      where.push(`s.unit_id = ANY($${params.length}::uuid[])`);
    }
    if (opts.latestOnly) where.push('rr.latest_submission_id = s.id');
    return em.query(`${SUMMARY_SQL} WHERE ${where.join(' AND ')} ORDER BY s.chain_seq`, params);
  }

  async get(actor: Actor, submissionId: string): Promise<SubmissionDetail> {
    return this.uow.run(async (em) => {
      const [summary]: (SubmissionSummary & { roundId: string })[] = await em.query(
        `${SUMMARY_SQL.replace('SELECT s.id,', 'SELECT s.id, s.round_id AS "roundId",')} WHERE s.id = $1`,
        [submissionId],
      );
      if (!summary || !AccessPolicy.canActFor(actor, summary.unit.id)) {
        throw FeedbackErrors.submissionNotVisible({ submissionId });
      }
      const [row]: {
        signatory: string;
        contact_name: string;
        contact_phone: string;
        attestation: SubmissionDetail['attestation'];
        seals: Omit<SubmissionDetail['seals'][number], 'unitName' | 'filename'>[];
        withdrawal_reason: string | null;
        digest: string;
        signature: string;
        key_id: string;
        chain_seq: number;
        prev_chain_hash: string | null;
        chain_hash: string;
      }[] = await em.query(
        `SELECT signatory, contact_name, contact_phone, attestation, seals, withdrawal_reason, digest, signature, key_id, chain_seq,
                prev_chain_hash, chain_hash FROM sealed_submission WHERE id = $1`,
        [submissionId],
      );
      const items: SubmissionDetail['items'] = await em.query(
        `SELECT i.position, i.clause_id AS "clauseId", c.label AS "clauseLabel", c.heading AS "clauseHeading", i.kind, i.quote,
                i.proposed_text AS "proposedText", i.reason
           FROM sealed_item i LEFT JOIN clause c ON c.id = i.clause_id WHERE i.submission_id = $1 ORDER BY i.position`,
        [submissionId],
      );
      const reviews: SubmissionDetail['reviews'] = await em.query(
        `SELECT action, reason, reviewed_by AS "reviewedBy", reviewed_at AS "reviewedAt" FROM submission_review
          WHERE submission_id = $1 ORDER BY reviewed_at, id`,
        [submissionId],
      );
      const names: { id: string; short_name: string; filename: string | null }[] = await em.query(
        `SELECT u.id, u.short_name, NULL AS filename FROM unit u WHERE u.id = ANY($1::uuid[])
         UNION ALL SELECT e.id, NULL, e.filename FROM evidence_file e WHERE e.id = ANY($2::uuid[])`,
        [row.seals.map((s) => s.unitId), row.seals.map((s) => s.evidenceFileId)],
      );
      const nameOf = new Map(names.map((n) => [n.id, n]));
      if (isOffice(actor)) {
        await recordAudit(em, {
          actorUserId: actor.userId,
          action: 'submission.viewed',
          entityType: 'sealed_submission',
          entityId: submissionId,
          data: { roundId: summary.roundId, unitId: summary.unit.id, trackingNo: summary.trackingNo },
        });
      }
      return {
        ...summary,
        signatory: row.signatory,
        contact: { name: row.contact_name, phone: row.contact_phone },
        attestation: row.attestation,
        seals: row.seals.map((s) => ({ ...s, unitName: nameOf.get(s.unitId)?.short_name ?? '', filename: nameOf.get(s.evidenceFileId)?.filename ?? null })),
        withdrawalReason: row.withdrawal_reason,
        items,
        reviews,
        receipt: { digest: row.digest, signature: row.signature, keyId: row.key_id, chainSeq: row.chain_seq, prevChainHash: row.prev_chain_hash, chainHash: row.chain_hash },
      };
    });
  }

  /** 退回补正: the reply stays on record; the unit is told why and seals a corrected revision. */
  async returnSubmission(actor: Actor, submissionId: string, reason: string): Promise<{ submissionId: string; recipientStatus: string; reviewId: string }> {
    AccessPolicy.requireOffice(actor);
    return this.uow.run(async (em) => {
      const target = await this.lockReviewTarget(em, submissionId);
      if (target.kind === 'withdrawal') throw FeedbackErrors.withdrawalNotReturnable({ submissionId });
      const reviewId = await this.insertReview(em, submissionId, 'returned', reason, actor);
      const to = await this.recipients.markReturned(em, target.recipient_id, target.recipient_status);
      await recordAudit(em, [
        { actorUserId: actor.userId, action: 'submission.returned', entityType: 'sealed_submission', entityId: submissionId, data: { roundId: target.round_id, unitId: target.unit_id, trackingNo: target.tracking_no, reason, reviewId } },
        { actorUserId: actor.userId, action: 'round_recipient.status_changed', entityType: 'round_recipient', entityId: target.recipient_id, data: { roundId: target.round_id, unitId: target.unit_id, from: target.recipient_status, to, event: 'return' } },
      ]);
      const contacts: { name: string; email: string }[] = await em.query(
        `SELECT DISTINCT ON (lower(email)) name, email FROM unit_contact
          WHERE unit_id = ANY($1::uuid[]) AND coalesce(email, '') <> '' ORDER BY lower(email), is_primary DESC, name`,
        [[target.acting_unit_id, target.unit_id]],
      );
      const rendered = returnedMail({
        unitName: target.unit_name,
        roundTitle: target.round_title,
        trackingNo: target.tracking_no,
        reason,
        deadline: shanghaiText(target.effective_deadline),
        url: `${this.config.publicUrl}/rounds/${target.round_id}/my-reply`,
      });
      if (contacts.length) {
        await this.mail.compose(
          em,
          contacts.map((c, n) => ({ ...rendered, dedupeKey: n === 0 ? `returned.${reviewId}` : `returned.${reviewId}.${n + 1}`, purpose: 'returned', to: c.email, toName: c.name, roundId: target.round_id, unitId: target.unit_id })),
        );
      }
      return { submissionId, recipientStatus: to, reviewId };
    });
  }

  /** The office accepts a sealed reply as meeting the round's rules (recorded, appended, never edited). */
  async accept(actor: Actor, submissionId: string, note = ''): Promise<{ submissionId: string; reviewId: string }> {
    AccessPolicy.requireOffice(actor);
    return this.uow.run(async (em) => {
      const target = await this.lockReviewTarget(em, submissionId);
      if (target.kind === 'withdrawal') throw FeedbackErrors.withdrawalNotAcceptable({ submissionId });
      const reviewId = await this.insertReview(em, submissionId, 'accepted', note, actor);
      await recordAudit(em, {
        actorUserId: actor.userId,
        action: 'submission.accepted',
        entityType: 'sealed_submission',
        entityId: submissionId,
        data: { roundId: target.round_id, unitId: target.unit_id, trackingNo: target.tracking_no, reviewId },
      });
      return { submissionId, reviewId };
    });
  }

  /** Only the latest revision of a submitted reply, not yet reviewed, can be accepted or returned. */
  private async lockReviewTarget(em: EntityManager, submissionId: string) {
    const [target]: {
      id: string;
      round_id: string;
      round_title: string;
      recipient_id: string;
      recipient_status: 'pending' | 'viewed' | 'drafting' | 'submitted' | 'returned' | 'exempted';
      latest_submission_id: string | null;
      unit_id: string;
      unit_name: string;
      acting_unit_id: string;
      tracking_no: string;
      kind: string;
      effective_deadline: Date;
      reviewed: boolean;
    }[] = await em.query(
      `SELECT s.id, s.round_id, r.title AS round_title, s.recipient_id, rr.status AS recipient_status, rr.latest_submission_id,
              s.unit_id, s.unit_name, s.acting_unit_id, s.tracking_no, s.kind, coalesce(rr.deadline_override, r.deadline) AS effective_deadline,
              EXISTS (SELECT 1 FROM submission_review v WHERE v.submission_id = s.id) AS reviewed
         FROM sealed_submission s JOIN round_recipient rr ON rr.id = s.recipient_id JOIN consultation_round r ON r.id = s.round_id
        WHERE s.id = $1 FOR UPDATE OF rr`,
      [submissionId],
    );
    if (!target) throw FeedbackErrors.submissionNotFound({ submissionId });
    if (target.latest_submission_id !== submissionId) {
      throw FeedbackErrors.submissionSuperseded(target.tracking_no, { latestSubmissionId: target.latest_submission_id });
    }
    if (target.reviewed) throw FeedbackErrors.submissionAlreadyReviewed(target.tracking_no, { submissionId });
    return target;
  }

  private async insertReview(em: EntityManager, submissionId: string, action: 'accepted' | 'returned', reason: string, actor: Actor): Promise<string> {
    const [row] = rowsOf<{ id: string }>(
      await em.query(`INSERT INTO submission_review (submission_id, action, reason, reviewed_by) VALUES ($1, $2, $3, $4) RETURNING id`, [submissionId, action, reason, actor.userId]),
    );
    return row.id;
  }
}
