import type { FileDownload } from '@zq/common';
import { Injectable } from '@nestjs/common';
import { AccessPolicy, Actor } from '@zq/access';
import { AdoptionErrors } from './errors';
import { diffVersions, DraftingService, flattenForDiff, RedlineSegment, splitTitle, toKeyed } from '@zq/drafting';
import { DataSource, EntityManager } from 'typeorm';
import { clauseColumn, clauseRefs, ClauseRef } from './apply/clause-refs';
import { DECISION_LABELS } from './decisions';
import { decisionCounts } from './disposition.service';
import { RoundAdoption } from './entities/adoption.entity';
import { ADOPTION_COLUMNS, AdoptionRow, AdoptionSummary, adoptionTableDocx, adoptionTableXlsx, summaryText } from './exports/adoption-table';
import { ComparisonEntry, comparisonTableDocx } from './exports/comparison-table';
import { ItemRow, loadRound, RoundRow } from './round-items';

/** A table or document for download (sent by apps/api's fileResponse). */
export type ExportFile = FileDownload;

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const safeName = (s: string) => s.replace(/[\\/:*?"<>|]/g, '_');

/** 意见采纳情况表, 修改对照表 and the next version as files (zh-CN). */
@Injectable()
export class AdoptionReportService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly drafting: DraftingService,
  ) {}

  async adoptionTable(actor: Actor, roundId: string, format: 'json'): Promise<AdoptionTable>;
  async adoptionTable(actor: Actor, roundId: string, format: 'docx' | 'xlsx'): Promise<ExportFile>;
  async adoptionTable(actor: Actor, roundId: string, format: 'json' | 'docx' | 'xlsx'): Promise<AdoptionTable | ExportFile>;
  async adoptionTable(actor: Actor, roundId: string, format: 'json' | 'docx' | 'xlsx'): Promise<AdoptionTable | ExportFile> {
    AccessPolicy.requireOffice(actor);
    const table = await this.buildAdoptionTable(this.dataSource.manager, roundId);
    if (format === 'json') return table;
    const base = safeName(`${table.policyTitle}意见采纳情况表`);
    return format === 'docx'
      ? { fileName: `${base}.docx`, mime: DOCX, body: await adoptionTableDocx(table.title, table.summary, table.rows) }
      : { fileName: `${base}.xlsx`, mime: XLSX, body: await adoptionTableXlsx(table.title, table.summary, table.rows) };
  }

  /** The rows of 意见采纳情况表, in document order, with the summary an office writes in its 起草说明. */
  async buildAdoptionTable(em: EntityManager, roundId: string): Promise<AdoptionTable> {
    const round = await loadRound(em, roundId);
    const version = await this.drafting.getVersion(round.versionId, em);
    const adoption = await em.getRepository(RoundAdoption).findOne({ where: { roundId } });
    const [items, summary, before, after, changes] = await Promise.all([
      tableItems(em, roundId),
      this.summary(em, round),
      this.drafting.tree(round.versionId, em),
      adoption ? this.drafting.tree(adoption.nextVersionId, em) : Promise.resolve(null),
      adoption
        ? (em.query(`SELECT id, added_lineage_key AS "addedLineageKey" FROM version_change WHERE to_version_id = $1`, [adoption.nextVersionId]) as Promise<{ id: string; addedLineageKey: string | null }[]>)
        : Promise.resolve([]),
    ]);
    const refsBefore = clauseRefs(before, version.itemNumbering);
    const refsAfter = after ? clauseRefs(after, version.itemNumbering) : null;
    const addedBy = new Map(changes.filter((c) => c.addedLineageKey).map((c) => [c.id, c.addedLineageKey!]));
    const rows = items.map((r, i) => adoptionRow(i + 1, r, refsBefore, refsAfter, addedBy));
    const policyTitle = splitTitle(version.title).policyTitle;
    return {
      title: `《${policyTitle}》意见采纳情况表`,
      policyTitle,
      roundId,
      versionId: round.versionId,
      nextVersionId: adoption?.nextVersionId ?? null,
      summary,
      summaryText: summaryText(summary),
      columns: [...ADOPTION_COLUMNS],
      rows,
    };
  }

  /** 修改对照表: 原条文 | 修改后条文 for each clause the next version changed, added or deleted. */
  async comparisonTable(actor: Actor, roundId: string): Promise<ExportFile> {
    AccessPolicy.requireOffice(actor);
    const em = this.dataSource.manager;
    const round = await loadRound(em, roundId);
    const adoption = await em.getRepository(RoundAdoption).findOne({ where: { roundId } });
    if (!adoption) return this.missingNextVersion(roundId);
    const [from, to] = await Promise.all([this.drafting.getVersion(round.versionId, em), this.drafting.getVersion(adoption.nextVersionId, em)]);
    const [a, b] = await Promise.all([this.drafting.tree(from.id, em), this.drafting.tree(to.id, em)]);
    const refsBefore = clauseRefs(a, from.itemNumbering);
    const refsAfter = clauseRefs(b, to.itemNumbering);
    const diff = diffVersions(flattenForDiff(toKeyed(a)), flattenForDiff(toKeyed(b)));
    const plain = (s: string | undefined): RedlineSegment[] => (s ? [{ op: 'equal', text: s }] : []);
    const entries: ComparisonEntry[] = diff.changes
      .filter((c) => c.status === 'changed' || c.status === 'added' || c.status === 'deleted')
      .map((c) => ({
        status: c.status as ComparisonEntry['status'],
        beforeRef: c.before ? (refsBefore.get(c.lineageKey)?.ref ?? c.before.label) : null,
        afterRef: c.after ? (refsAfter.get(c.lineageKey)?.ref ?? c.after.label) : null,
        heading: c.headingRedline ?? plain((c.after ?? c.before)!.heading),
        text: c.redline ?? plain((c.after ?? c.before)!.text),
      }));
    const policyTitle = splitTitle(to.title).policyTitle;
    const body = await comparisonTableDocx(`《${policyTitle}》修改对照表`, `（${from.label}与${to.label}对照）`, entries);
    return { fileName: `${safeName(`${policyTitle}修改对照表`)}.docx`, mime: DOCX, body };
  }

  /** The next version typeset as an official document. */
  async nextVersionDocx(actor: Actor, roundId: string): Promise<ExportFile> {
    AccessPolicy.requireOffice(actor);
    const adoption = await this.dataSource.getRepository(RoundAdoption).findOne({ where: { roundId } });
    if (!adoption) return this.missingNextVersion(roundId);
    return this.drafting.export(actor, adoption.nextVersionId, 'docx');
  }

  /** 共征求N家单位意见，M家反馈（其中K家无意见），未反馈L家；共X条意见，采纳A条… */
  async summary(em: EntityManager, round: RoundRow): Promise<AdoptionSummary> {
    const [units]: { consulted: number; replied: number; noComment: number }[] = await em.query(
      `SELECT count(*)::int AS consulted,
              count(*) FILTER (WHERE status = 'submitted' AND reply_kind IS NOT NULL)::int AS replied,
              count(*) FILTER (WHERE status = 'submitted' AND reply_kind = 'no_comment')::int AS "noComment"
         FROM round_recipient WHERE round_id = $1`,
      [round.id],
    );
    const counts = await decisionCounts(em, round.id);
    return { ...units, notReplied: units.consulted - units.replied, silenceIsNoComment: round.silenceRule === 'silence_is_no_comment', ...counts };
  }

  private missingNextVersion(roundId: string): never {
    throw AdoptionErrors.nextVersionMissing({ roundId });
  }
}

export interface AdoptionTable {
  title: string;
  policyTitle: string;
  roundId: string;
  versionId: string;
  nextVersionId: string | null;
  summary: AdoptionSummary;
  summaryText: string;
  columns: string[];
  rows: AdoptionRow[];
}

/** 意见内容 as an office quotes it: 原文 / 建议 / 理由, one per line. */
export function opinionText(r: Pick<ItemRow, 'kind' | 'quote' | 'proposedText' | 'reason'>): string {
  const lines: string[] = [];
  if (r.quote.trim()) lines.push(`原文：“${r.quote.trim()}”`);
  const proposed = r.proposedText.trim();
  if (r.kind === 'modify') lines.push(`建议修改为：“${proposed}”`);
  else if (r.kind === 'delete') lines.push('建议删除');
  else if (r.kind === 'add') lines.push(`建议增加：“${proposed}”`);
  else if (proposed) lines.push(`意见：${proposed}`);
  if (r.reason.trim()) lines.push(`理由：${r.reason.trim()}`);
  return lines.join('\n');
}

type TableItem = Pick<ItemRow, 'unitName' | 'clauseId' | 'lineageKey' | 'kind' | 'quote' | 'proposedText' | 'reason' | 'decision' | 'decisionReason' | 'editedText' | 'changeId'>;

/** The columns the table needs, in the order of loadRoundItems (a round may have 100,000 items). */
function tableItems(em: EntityManager, roundId: string): Promise<TableItem[]> {
  return em.query(
    `SELECT u.short_name AS "unitName", i.clause_id AS "clauseId", coalesce(i.lineage_key, c.lineage_key) AS "lineageKey", i.kind, i.quote,
            i.proposed_text AS "proposedText", i.reason, d.decision, d.reason AS "decisionReason", d.edited_text AS "editedText", d.change_id AS "changeId"
       FROM round_recipient rr
       JOIN sealed_item i ON i.submission_id = rr.latest_submission_id
       JOIN unit u ON u.id = i.unit_id
       LEFT JOIN clause c ON c.id = i.clause_id
       LEFT JOIN disposition d ON d.item_id = i.id
      WHERE rr.round_id = $1 AND rr.status = 'submitted'
      ORDER BY c.ordinal NULLS FIRST, u.sort_order, u.short_name, i.position`,
    [roundId],
  );
}

function adoptionRow(seq: number, r: TableItem, before: Map<string, ClauseRef>, after: Map<string, ClauseRef> | null, addedBy: Map<string, string>): AdoptionRow {
  const old = r.clauseId && r.lineageKey ? before.get(r.lineageKey) : undefined;
  const now = after && r.lineageKey ? after.get(r.lineageKey) : undefined;
  const addedKey = r.changeId ? addedBy.get(r.changeId) : undefined;
  const added = addedKey && after ? after.get(addedKey) : undefined;
  const taken = r.decision === 'adopted' || r.decision === 'partially_adopted';
  let revisedText = '';
  if (taken && after) revisedText = added ? added.fullText : now ? now.fullText : old ? '（该条已删除）' : '';
  const explanation = [r.decisionReason ?? '', r.decision === 'partially_adopted' && r.editedText ? `采纳后的表述：“${r.editedText}”` : ''].filter(Boolean).join('\n');
  return {
    seq,
    unitName: r.unitName,
    clause: after ? clauseColumn(old, now, added) : old ? clauseColumn(old, old) : '总体意见',
    opinion: opinionText(r),
    decision: r.decision ? DECISION_LABELS[r.decision] : '未处理',
    explanation,
    revisedText,
  };
}
