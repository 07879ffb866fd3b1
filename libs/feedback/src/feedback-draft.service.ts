import { Inject, Injectable } from '@nestjs/common';
import { Actor } from '@zq/access';
import { Clock } from '@zq/common';
import { FeedbackErrors } from './errors';
import { RecipientService } from '@zq/consultation';
import { UnitOfWork } from '@zq/jobs';
import { handOverMail, MailService } from '@zq/mail';
import { APP_CONFIG, AppConfig, recordAudit } from '@zq/persistence';
import { DataSource, EntityManager } from 'typeorm';
import type { DraftItem } from './entities/feedback.entity';
import { shanghaiText } from './format';
import { sha256Hex } from './receipt/digest';
import { loadReplyContext, ReplyContext, requireRoundOpen, rowsOf } from './reply-context';

/** An item as a client sends it: text fields may be left out (read as empty). */
export interface DraftItemInput {
  key: string;
  clauseId?: string | null;
  quote?: string;
  kind: DraftItem['kind'];
  proposedText?: string;
  reason?: string;
}

export interface DraftInput {
  /** the version the edit is based on (0 when no draft was saved yet) */
  baseVersion: number;
  kind: 'with_comments' | 'no_comment';
  items: DraftItemInput[];
}

export interface DraftView {
  kind: 'with_comments' | 'no_comment';
  items: DraftItem[];
  /** 0: nothing saved yet */
  version: number;
  updatedAt: Date | null;
  updatedBy: { userId: string; name: string } | null;
  /** 提交签发: the drafter handed this version to the approver (null: not handed over, or edited since) */
  handedOver: { at: Date; by: string; version: number } | null;
}

export interface MyReplyView {
  round: { id: string; title: string; roundNumber: number; status: string; deadline: Date; silenceRule: string; sealRequired: boolean; cityApproval: unknown };
  recipient: { id: string; unitId: string; unitName: string; status: string; replyKind: string | null; effectiveDeadline: Date; latestSubmissionId: string | null };
  draft: DraftView;
  /** channel portal: sealed by the unit; else 代为录入 by the office (enteredBy, receivedAt) from a letter received that way */
  submissions: {
    id: string;
    trackingNo: string;
    revision: number;
    kind: string;
    sealedAt: Date;
    lateSeconds: number;
    channel: string;
    receivedAt: Date | null;
    enteredBy: string | null;
    /** the holder's digest, so the unit can verify (and read the 核验码 of) its own receipts */
    digest: string;
  }[];
}

export interface EvidenceView {
  id: string;
  filename: string;
  mime: string;
  size: number;
  sha256: string;
  uploadedAt: Date;
}

export const EVIDENCE_MAX_BYTES = 20 * 1024 * 1024;

/** Magic bytes of what a scanned, stamped letter may be: the client's claimed type is not trusted. */
export function sniffEvidenceType(content: Buffer): 'application/pdf' | 'image/png' | 'image/jpeg' | null {
  if (content.subarray(0, 5).equals(Buffer.from('%PDF-'))) return 'application/pdf';
  if (content.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (content.length >= 3 && content[0] === 0xff && content[1] === 0xd8 && content[2] === 0xff) return 'image/jpeg';
  return null;
}

export interface UploadedEvidence {
  originalname: string;
  buffer: Buffer;
  size: number;
}

/** A scan of a stamped letter as uploaded: present, at most 20 MB, PDF/PNG/JPEG by its bytes. */
export function checkEvidenceFile(file: UploadedEvidence | undefined): UploadedEvidence & { mime: string } {
  if (!file?.buffer?.length) throw FeedbackErrors.evidenceFileRequired({ field: 'file' });
  if (file.buffer.length > EVIDENCE_MAX_BYTES) {
    throw FeedbackErrors.evidenceTooLarge({ size: file.buffer.length, maxBytes: EVIDENCE_MAX_BYTES });
  }
  const mime = sniffEvidenceType(file.buffer);
  if (!mime) throw FeedbackErrors.evidenceTypeNotAllowed({ filename: file.originalname });
  return { ...file, mime };
}

/** Stores a checked scan as evidence of a unit's reply in a round, with its SHA-256, and audits it. */
export async function storeEvidence(
  em: EntityManager,
  a: { roundId: string; unitId: string; uploadedBy: string; file: UploadedEvidence & { mime: string } },
): Promise<EvidenceView> {
  const { file } = a;
  const filename = (file.originalname || 'evidence').normalize('NFC').replace(/[\u0000-\u001f/\\]/g, '_').slice(0, 200);
  const sha256 = sha256Hex(file.buffer);
  const [row]: { id: string; uploaded_at: Date }[] = await em.query(
    `INSERT INTO evidence_file (round_id, unit_id, filename, mime, size, sha256, content, uploaded_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id, uploaded_at`,
    [a.roundId, a.unitId, filename, file.mime, file.buffer.length, sha256, file.buffer, a.uploadedBy],
  );
  await recordAudit(em, {
    actorUserId: a.uploadedBy,
    action: 'evidence.uploaded',
    entityType: 'evidence_file',
    entityId: row.id,
    data: { roundId: a.roundId, unitId: a.unitId, sha256, size: file.buffer.length, mime: file.mime },
  });
  return { id: row.id, filename, mime: file.mime, size: file.buffer.length, sha256, uploadedAt: row.uploaded_at };
}

interface DraftRow {
  kind: DraftView['kind'];
  items: DraftItem[];
  version: number;
  updated_at: Date;
  updated_by: string | null;
  updated_by_name: string | null;
  handed_over_at?: Date | null;
  handed_over_version?: number | null;
  handed_over_by_name?: string | null;
}

/** A unit's reply while it is written: autosaved with a version number, seen only by that unit. */
@Injectable()
export class FeedbackDraftService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly uow: UnitOfWork,
    private readonly recipients: RecipientService,
    private readonly mail: MailService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  async getMyReply(actor: Actor, roundId: string): Promise<MyReplyView> {
    const em = this.dataSource.manager;
    const ctx = await loadReplyContext(em, actor, roundId);
    const draft = await this.draftOf(em, ctx.recipient.id);
    const unit: { short_name: string }[] = await em.query(`SELECT short_name FROM unit WHERE id = $1`, [ctx.recipient.unitId]);
    const submissions: MyReplyView['submissions'] = await em.query(
      `SELECT s.id, s.tracking_no AS "trackingNo", s.revision, s.kind, s.sealed_at AS "sealedAt", s.late_seconds AS "lateSeconds",
              s.channel, s.received_at AS "receivedAt", s.digest, CASE WHEN s.channel <> 'portal' THEN u.display_name END AS "enteredBy"
         FROM sealed_submission s LEFT JOIN app_user u ON u.id = s.sealed_by
        WHERE s.recipient_id = $1 ORDER BY s.revision`,
      [ctx.recipient.id],
    );
    return {
      round: {
        id: ctx.round.id,
        title: ctx.round.title,
        roundNumber: ctx.round.roundNumber,
        status: ctx.round.status,
        deadline: ctx.round.deadline,
        silenceRule: ctx.round.silenceRule,
        sealRequired: ctx.round.rules.sealRequired,
        cityApproval: ctx.round.rules.cityApproval,
      },
      recipient: {
        id: ctx.recipient.id,
        unitId: ctx.recipient.unitId,
        unitName: unit[0]?.short_name ?? '',
        status: ctx.recipient.status,
        replyKind: ctx.recipient.replyKind,
        effectiveDeadline: ctx.recipient.effectiveDeadline,
        latestSubmissionId: ctx.recipient.latestSubmissionId,
      },
      draft: draft ?? { kind: 'with_comments', items: [], version: 0, updatedAt: null, updatedBy: null, handedOver: null },
      submissions,
    };
  }

  /**
   * Autosave: the edit applies only on top of the version it was based on. Two users editing at once
   * do not overwrite each other: the later save gets DRAFT_VERSION_CONFLICT naming who saved first.
   */
  async saveDraft(actor: Actor, roundId: string, input: DraftInput): Promise<DraftView> {
    assertUniqueKeys(input.items);
    return this.uow.run(async (em) => {
      const ctx = await loadReplyContext(em, actor, roundId);
      requireRoundOpen(ctx);
      const items = input.items.map(normalizeItem);
      let saved: DraftRow | undefined;
      if (input.baseVersion === 0) {
        saved = rowsOf<DraftRow>(
          await em.query(
            `INSERT INTO feedback_draft (round_id, recipient_id, unit_id, kind, items, version, updated_by, created_at, updated_at)
             VALUES ($1, $2, $3, $4, $5::jsonb, 1, $6, $7, $7)
             ON CONFLICT (recipient_id) DO NOTHING
             RETURNING kind, items, version, updated_at, updated_by`,
            [ctx.round.id, ctx.recipient.id, ctx.recipient.unitId, input.kind, JSON.stringify(items), actor.userId, this.clock.now()],
          ),
        )[0];
      } else {
        saved = rowsOf<DraftRow>(
          await em.query(
            `UPDATE feedback_draft SET kind = $2, items = $3::jsonb, version = version + 1, updated_by = $4, updated_at = $6
              WHERE recipient_id = $1 AND version = $5
              RETURNING kind, items, version, updated_at, updated_by`,
            [ctx.recipient.id, input.kind, JSON.stringify(items), actor.userId, input.baseVersion, this.clock.now()],
          ),
        )[0];
      }
      if (!saved) throw await this.versionConflict(em, ctx, input.baseVersion);
      await this.startDrafting(em, ctx, actor);
      await recordAudit(em, {
        actorUserId: actor.userId,
        action: saved.version === 1 ? 'feedback_draft.created' : 'feedback_draft.edited',
        entityType: 'round_recipient',
        entityId: ctx.recipient.id,
        data: { roundId: ctx.round.id, unitId: ctx.recipient.unitId, version: saved.version, kind: saved.kind, itemCount: items.length },
      });
      return { kind: saved.kind, items: saved.items, version: saved.version, updatedAt: saved.updated_at, updatedBy: { userId: actor.userId, name: actor.displayName }, handedOver: null };
    });
  }

  /**
   * 提交签发: the drafter hands the saved draft (exactly `version`) to the unit's approver, who is
   * mailed a link to review and seal it. An edit afterwards makes it a new version to hand over again.
   */
  async handOver(actor: Actor, roundId: string, input: { version: number }): Promise<DraftView> {
    return this.uow.run(async (em) => {
      const ctx = await loadReplyContext(em, actor, roundId);
      requireRoundOpen(ctx);
      const [row]: { version: number; kind: DraftView['kind']; n: number }[] = await em.query(
        `SELECT version, kind, jsonb_array_length(items) AS n FROM feedback_draft WHERE recipient_id = $1 FOR UPDATE`,
        [ctx.recipient.id],
      );
      if (!row || (row.kind === 'with_comments' && row.n === 0)) throw FeedbackErrors.replyEmpty({ handOver: true });
      if (row.version !== input.version) throw await this.versionConflict(em, ctx, input.version);
      await em.query(`UPDATE feedback_draft SET handed_over_at = $3, handed_over_by = $2, handed_over_version = version WHERE recipient_id = $1`, [ctx.recipient.id, actor.userId, this.clock.now()]);
      await recordAudit(em, {
        actorUserId: actor.userId,
        action: 'feedback_draft.handed_over',
        entityType: 'round_recipient',
        entityId: ctx.recipient.id,
        data: { roundId: ctx.round.id, unitId: ctx.recipient.unitId, version: row.version },
      });
      // the approvers' own addresses where the directory has them, else the unit's mailbox
      const approvers: { username: string; email: string | null; name: string }[] = await em.query(
        `SELECT username, email, display_name AS name FROM app_user WHERE unit_id = $1 AND role = 'unit_approver' AND active ORDER BY username`,
        [ctx.recipient.unitId],
      );
      const direct = approvers.filter((a) => a.email);
      const to = direct.length
        ? direct.map((a) => ({ email: a.email!, name: a.name }))
        : ((await em.query(
            `SELECT DISTINCT ON (lower(email)) name, email FROM unit_contact WHERE unit_id = $1 AND coalesce(email, '') <> '' ORDER BY lower(email), is_primary DESC, name`,
            [ctx.recipient.unitId],
          )) as { name: string; email: string }[]);
      const [unit]: { short_name: string }[] = await em.query(`SELECT short_name FROM unit WHERE id = $1`, [ctx.recipient.unitId]);
      // one approver: the sign-in page can name the account, so the link takes a password and a click
      const hint = approvers.length === 1 ? `?signer=${encodeURIComponent(approvers[0].username)}` : '';
      const rendered = handOverMail({
        unitName: unit?.short_name ?? '',
        roundTitle: ctx.round.title,
        drafterName: actor.displayName,
        contentText: row.kind === 'no_comment' ? '无意见' : `${row.n} 条意见`,
        deadline: shanghaiText(ctx.recipient.effectiveDeadline),
        url: `${this.config.publicUrl}/my/rounds/${ctx.round.id}${hint}`,
      });
      await this.mail.compose(
        em,
        to.map((c, n) => ({
          ...rendered,
          dedupeKey: `hand-over.${ctx.recipient.id}.${row.version}${n ? `.${n + 1}` : ''}`,
          purpose: 'hand_over',
          to: c.email,
          toName: c.name,
          roundId: ctx.round.id,
          unitId: ctx.recipient.unitId,
        })),
      );
      return (await this.draftOf(em, ctx.recipient.id))!;
    });
  }

  async uploadEvidence(actor: Actor, roundId: string, file: UploadedEvidence | undefined): Promise<EvidenceView> {
    const checked = checkEvidenceFile(file);
    return this.uow.run(async (em) => {
      const ctx = await loadReplyContext(em, actor, roundId);
      requireRoundOpen(ctx);
      return storeEvidence(em, { roundId: ctx.round.id, unitId: ctx.recipient.unitId, uploadedBy: actor.userId, file: checked });
    });
  }

  private async draftOf(em: EntityManager, recipientId: string): Promise<DraftView | null> {
    const rows: DraftRow[] = await em.query(
      `SELECT d.kind, d.items, d.version, d.updated_at, d.updated_by, u.display_name AS updated_by_name,
              d.handed_over_at, d.handed_over_version, h.display_name AS handed_over_by_name
         FROM feedback_draft d LEFT JOIN app_user u ON u.id = d.updated_by LEFT JOIN app_user h ON h.id = d.handed_over_by
        WHERE d.recipient_id = $1`,
      [recipientId],
    );
    const d = rows[0];
    if (!d) return null;
    return {
      kind: d.kind,
      items: d.items,
      version: d.version,
      updatedAt: d.updated_at,
      updatedBy: d.updated_by ? { userId: d.updated_by, name: d.updated_by_name ?? '' } : null,
      handedOver: d.handed_over_at && d.handed_over_version === d.version ? { at: d.handed_over_at, by: d.handed_over_by_name ?? '', version: d.version } : null,
    };
  }

  private async versionConflict(em: EntityManager, ctx: ReplyContext, baseVersion: number) {
    const current = await this.draftOf(em, ctx.recipient.id);
    const who = current?.updatedBy?.name || '其他用户';
    const details = { baseVersion, currentVersion: current?.version ?? 0, savedBy: current?.updatedBy ?? null, savedAt: current?.updatedAt ?? null };
    return current ? FeedbackErrors.draftVersionConflict(who, current.version, baseVersion, details) : FeedbackErrors.draftNeverSaved(details);
  }

  /** The first saved draft moves the recipient to 起草中 (and a returned reply back to drafting). */
  private async startDrafting(em: EntityManager, ctx: ReplyContext, actor: Actor): Promise<void> {
    const from = ctx.recipient.status;
    // submitted units draft a revision without changing status
    const to = await this.recipients.markDrafting(em, ctx.recipient.id, from);
    if (to) {
      await recordAudit(em, {
        actorUserId: actor.userId,
        action: 'round_recipient.status_changed',
        entityType: 'round_recipient',
        entityId: ctx.recipient.id,
        data: { roundId: ctx.round.id, unitId: ctx.recipient.unitId, from, to, event: 'start_drafting' },
      });
    }
  }
}

function normalizeItem(item: DraftItemInput): DraftItem {
  return {
    key: item.key,
    clauseId: item.clauseId ?? null,
    quote: (item.quote ?? '').normalize('NFC'),
    kind: item.kind,
    proposedText: (item.proposedText ?? '').normalize('NFC'),
    reason: (item.reason ?? '').normalize('NFC'),
  };
}

function assertUniqueKeys(items: DraftItemInput[]): void {
  const seen = new Set<string>();
  for (const [index, item] of items.entries()) {
    if (seen.has(item.key)) throw FeedbackErrors.draftItemKeyDuplicate(index + 1, { index, key: item.key });
    seen.add(item.key);
  }
}
