import { Injectable } from '@nestjs/common';
import { AccessPolicy, Actor, isOffice } from '@zq/access';
import { FileDownload, RenderThreads } from '@zq/common';
import { ConsultationErrors } from '@zq/consultation';
import { FeedbackErrors } from './errors';
import { DraftingService } from '@zq/drafting';
import { UnitOfWork } from '@zq/jobs';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { DraftItem } from './entities/feedback.entity';
import { checkEvidenceFile, EvidenceView, storeEvidence, UploadedEvidence } from './feedback-draft.service';
import { contextFromRow, ContextRow, loadReplyContext, requireRoundOpen } from './reply-context';
import { parseReply, type ParsedReply, type ParsedReplyItem } from './reply-parser';
import { clauseLabelRows, REPLY_TEMPLATE } from './reply-template';
import { RecordInput, SealedReceipt, SealingService } from './sealing.service';

/** A filled table read for the reply editor: the parsed reply, and its resolved items as draft items to review. */
export interface ParsedTableView extends ParsedReply {
  /** items ready for the editor (a comment that did not resolve is kept as a general item, its reference in the reason) */
  draftItems: DraftItem[];
}

const MIME = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;

/** A parsed item as the editor's draft item: its clause when it resolved, else a general comment naming what was written. */
export function toDraftItem(item: ParsedReplyItem): DraftItem {
  const clauseId = item.resolved ? (item.clauseId ?? null) : null;
  const unresolvedRef = !item.resolved && item.clauseLabel ? `【原表所指：${item.clauseLabel}${item.quote ? `，原文“${item.quote}”` : ''}】` : '';
  return {
    key: randomUUID(),
    clauseId,
    quote: clauseId ? (item.quote ?? '') : '',
    kind: clauseId ? item.kind : item.kind === 'delete' ? 'other' : item.kind === 'modify' ? 'other' : item.kind,
    proposedText: item.proposal,
    reason: [unresolvedRef, item.reason].filter(Boolean).join(''),
  };
}

/**
 * Replies as they really arrive: the round's 反馈意见表 template, a filled table read into draft items
 * (for the unit's own editor, or for the office entering a letter), the office's 代为录入 of a letter
 * received on paper / through OA / by fax / by e-mail, with the scan as evidence.
 */
@Injectable()
export class ReplyIntakeService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly uow: UnitOfWork,
    private readonly drafting: DraftingService,
    private readonly sealing: SealingService,
    private readonly renders: RenderThreads,
  ) {}

  /** 反馈意见表 of a round (.docx or .xlsx), for one unit or blank; `prefill` lists the draft's clause labels. */
  async template(actor: Actor, roundId: string, q: { format?: 'docx' | 'xlsx'; unitId?: string; prefill?: boolean }): Promise<FileDownload> {
    const format = q.format ?? 'docx';
    let unitId = q.unitId ?? null;
    if (!isOffice(actor)) unitId = (await loadReplyContext(this.dataSource.manager, actor, roundId)).recipient.unitId;
    const [round]: { title: string; deadline: Date; version_id: string; document_title: string }[] = await this.dataSource.query(
      `SELECT r.title, r.deadline, r.version_id, v.title AS document_title FROM consultation_round r JOIN draft_version v ON v.id = r.version_id WHERE r.id = $1`,
      [roundId],
    );
    if (!round) throw ConsultationErrors.roundNotFound({ roundId });
    const unit: { short_name: string; kind: string }[] = unitId
      ? await this.dataSource.query(`SELECT u.short_name, u.kind FROM unit u JOIN round_recipient rr ON rr.unit_id = u.id AND rr.round_id = $2 WHERE u.id = $1`, [unitId, roundId])
      : [];
    if (unitId && !unit.length) throw ConsultationErrors.recipientNotFound({ unitId });
    const input = {
      roundTitle: round.title,
      documentTitle: round.document_title,
      unitName: unit[0]?.short_name,
      forCity: unit[0] ? unit[0].kind === 'prefecture_city' : true,
      deadlineText: new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', year: 'numeric', month: 'long', day: 'numeric' }).format(round.deadline),
      rows: q.prefill ? clauseLabelRows(await this.drafting.tree(round.version_id)) : undefined,
    };
    const body = await this.renders.run(REPLY_TEMPLATE, format === 'xlsx' ? 'renderReplyTemplateXlsx' : 'renderReplyTemplateDocx', input);
    const name = `反馈意见表-${unit[0]?.short_name ?? round.title}.${format}`.replace(/[\\/:*?"<>|]/g, '_');
    return { fileName: name, asciiName: `reply-template.${format}`, mime: MIME[format], body };
  }

  /**
   * Reads a filled 反馈意见表 or reply letter against the round's version: the unit for its own editor,
   * the office for a letter it enters. Nothing is saved: the caller reviews the items, then saves or seals.
   */
  async parseTable(actor: Actor, roundId: string, file: { buffer: Buffer } | undefined): Promise<ParsedTableView> {
    if (!file?.buffer?.length) throw FeedbackErrors.replyFileRequired({ field: 'file' });
    let versionId: string;
    if (isOffice(actor)) {
      const [round]: { version_id: string }[] = await this.dataSource.query(`SELECT version_id FROM consultation_round WHERE id = $1 AND status <> 'draft'`, [roundId]);
      if (!round) throw ConsultationErrors.roundNotFound({ roundId });
      versionId = round.version_id;
    } else {
      versionId = (await loadReplyContext(this.dataSource.manager, actor, roundId)).round.versionId;
    }
    const parsed = await parseReply(file.buffer, await this.drafting.tree(versionId));
    return { ...parsed, draftItems: parsed.noComment ? [] : parsed.items.map(toDraftItem) };
  }

  /** 代为录入 step 1: the scan of the unit's stamped letter, stored as that unit's evidence for the round. */
  async uploadScan(actor: Actor, roundId: string, unitId: string, file: UploadedEvidence | undefined): Promise<EvidenceView> {
    AccessPolicy.requireOffice(actor);
    const checked = checkEvidenceFile(file);
    return this.uow.run(async (em) => {
      const rows: ContextRow[] = await em.query(
        `SELECT r.id AS round_id, r.title, r.round_number, r.status AS round_status, r.version_id, r.deadline, r.silence_rule,
                r.seal_required, r.city_approval, rr.id AS recipient_id, rr.unit_id, rr.status AS recipient_status, rr.reply_kind,
                rr.deadline_override, rr.latest_submission_id
           FROM round_recipient rr JOIN consultation_round r ON r.id = rr.round_id
          WHERE rr.round_id = $1 AND rr.unit_id = $2 AND r.status <> 'draft'`,
        [roundId, unitId],
      );
      if (!rows[0]) throw FeedbackErrors.recipientNotInRound({ roundId, unitId });
      requireRoundOpen(contextFromRow(rows[0]));
      return storeEvidence(em, { roundId, unitId, uploadedBy: actor.userId, file: checked });
    });
  }

  /** 代为录入 step 2: the checked items sealed as the unit's reply, received on a day through a channel. */
  async record(actor: Actor, roundId: string, input: RecordInput): Promise<SealedReceipt> {
    return this.sealing.record(actor, roundId, input);
  }

  /** A stored scan, to show beside the items: the office any unit's, a unit only its own. */
  async evidenceFile(actor: Actor, roundId: string, evidenceId: string): Promise<FileDownload> {
    const [f]: { unit_id: string; filename: string; mime: string; content: Buffer }[] = await this.dataSource.query(
      `SELECT unit_id, filename, mime, content FROM evidence_file WHERE id = $1 AND round_id = $2`,
      [evidenceId, roundId],
    );
    if (!f || !AccessPolicy.canActFor(actor, f.unit_id)) throw FeedbackErrors.evidenceScanNotVisible({ evidenceId });
    return { fileName: f.filename, asciiName: 'evidence', mime: f.mime, body: f.content };
  }
}
