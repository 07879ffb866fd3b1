import type { FileDownload } from '@zq/common';
import { Injectable } from '@nestjs/common';
import { AccessPolicy, Actor } from '@zq/access';
import { AdoptionErrors } from './errors';
import { chineseDate, shanghaiDate } from '@zq/calendar';
import { Clock, RenderThreads, threadTask } from '@zq/common';
import { DraftingService, splitTitle, toKeyed } from '@zq/drafting';
import { DataSource, EntityManager } from 'typeorm';
import { clauseColumn, clauseRefs, ClauseRef } from './apply/clause-refs';
import { DECISION_LABELS } from './decisions';
import { decisionCounts } from './disposition.service';
import { Decision, RoundAdoption } from './entities/adoption.entity';
import { ADOPTION_COLUMNS, AdoptionRow, AdoptionSummary, changedPassage, summaryText, TableMaker } from './exports/adoption-table';
import { ItemRow, loadRound, RoundRow } from './round-items';

/** The tables are typeset on a render thread: a 20,000-row table holds the CPU for seconds. */
const ADOPTION_TABLE = threadTask<typeof import('./exports/adoption-table')>(require.resolve('./exports/adoption-table'));
const COMPARISON_TABLE = threadTask<typeof import('./exports/comparison-table')>(require.resolve('./exports/comparison-table'));

/** A table or document for download (sent by apps/api's fileResponse). */
export type ExportFile = FileDownload;

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const safeName = (s: string) => s.replace(/[\\/:*?"<>|]/g, '_');

/** 《关于…的意见》意见采纳情况表: the title in book-title marks, so a title ending in 意见 never reads 意见意见. */
export const documentFileName = (policyTitle: string, what: string, ext: string) => `${safeName(`《${policyTitle.replace(/^《|》$/g, '')}》${what}`)}.${ext}`;

/** 意见采纳情况表, 修改对照表 and the next version as files (zh-CN). */
@Injectable()
export class AdoptionReportService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly drafting: DraftingService,
    private readonly clock: Clock,
    private readonly renders: RenderThreads,
  ) {}

  /** 制表单位 (the drafting office) and today's date in Beijing, as the tables print them. */
  private async maker(em: EntityManager): Promise<TableMaker> {
    const [organizer]: { name: string }[] = await em.query(`SELECT short_name AS name FROM unit WHERE kind = 'organizer' ORDER BY sort_order LIMIT 1`);
    return { unitName: organizer?.name ?? '', dateText: chineseDate(shanghaiDate(this.clock.now())) };
  }

  async adoptionTable(actor: Actor, roundId: string, format: 'json'): Promise<AdoptionTable>;
  async adoptionTable(actor: Actor, roundId: string, format: 'docx' | 'xlsx'): Promise<ExportFile>;
  async adoptionTable(actor: Actor, roundId: string, format: 'json' | 'docx' | 'xlsx'): Promise<AdoptionTable | ExportFile>;
  async adoptionTable(actor: Actor, roundId: string, format: 'json' | 'docx' | 'xlsx'): Promise<AdoptionTable | ExportFile> {
    AccessPolicy.requireOffice(actor);
    const table = await this.buildAdoptionTable(this.dataSource.manager, roundId);
    if (format === 'json') return table;
    const maker = await this.maker(this.dataSource.manager);
    return format === 'docx'
      ? { fileName: documentFileName(table.policyTitle, '意见采纳情况表', 'docx'), mime: DOCX, body: await this.renders.run(ADOPTION_TABLE, 'adoptionTableDocx', table.title, table.summary, table.rows, maker) }
      : { fileName: documentFileName(table.policyTitle, '意见采纳情况表', 'xlsx'), mime: XLSX, body: await this.renders.run(ADOPTION_TABLE, 'adoptionTableXlsx', table.title, table.summary, table.rows, maker) };
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
        ? (em.query(`SELECT id, added_lineage_key AS "addedLineageKey", status FROM version_change WHERE to_version_id = $1`, [adoption.nextVersionId]) as Promise<{ id: string; addedLineageKey: string | null; status: string }[]>)
        : Promise.resolve([]),
    ]);
    const refsBefore = clauseRefs(before, version.itemNumbering);
    const refsAfter = after ? clauseRefs(after, version.itemNumbering) : null;
    const addedBy = new Map(changes.filter((c) => c.addedLineageKey).map((c) => [c.id, c.addedLineageKey!]));
    const manual = new Set(changes.filter((c) => c.status === 'needs_manual_edit').map((c) => c.id));
    const shown = new Map<string, number>();
    const rows = items.map((r, i) => adoptionRow(i + 1, r, refsBefore, refsAfter, addedBy, manual, shown));
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
    const notes = await changeNotes(em, adoption.nextVersionId);
    const policyTitle = splitTitle(to.title).policyTitle;
    const body = await this.renders.run(COMPARISON_TABLE, 'comparisonTableOfVersions', {
      title: `《${policyTitle}》修改对照表`,
      subtitle: `（${from.label}与${to.label}对照）`,
      before: toKeyed(a),
      after: toKeyed(b),
      refsBefore: clauseRefs(a, from.itemNumbering),
      refsAfter: clauseRefs(b, to.itemNumbering),
      notes,
    });
    return { fileName: documentFileName(policyTitle, '修改对照表', 'docx'), mime: DOCX, body };
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

/**
 * 修改说明 of each clause the next version changed, by lineage key: whose comments, decided how
 * (采纳省财政厅、杭州市的意见；部分采纳宁波市的意见), and what the office noted when it edited by hand.
 */
async function changeNotes(em: EntityManager, toVersionId: string): Promise<Map<string, string>> {
  const rows: { key: string; status: string; note: string | null; decided: { unit: string; decision: Decision | null }[] }[] = await em.query(
    `SELECT coalesce(vc.added_lineage_key, vc.lineage_key)::text AS key, vc.status, vc.resolution_note AS note,
            coalesce(json_agg(json_build_object('unit', u.short_name, 'decision', d.decision) ORDER BY u.sort_order, u.short_name)
                     FILTER (WHERE u.id IS NOT NULL), '[]') AS decided
       FROM version_change vc
       LEFT JOIN LATERAL unnest(vc.item_ids) AS x(item_id) ON true
       LEFT JOIN sealed_item i ON i.id = x.item_id
       LEFT JOIN unit u ON u.id = i.unit_id
       LEFT JOIN disposition d ON d.item_id = i.id
      WHERE vc.to_version_id = $1 AND coalesce(vc.added_lineage_key, vc.lineage_key) IS NOT NULL
      GROUP BY vc.id`,
    [toVersionId],
  );
  const notes = new Map<string, string[]>();
  for (const r of rows) {
    const byDecision = new Map<string, string[]>();
    for (const d of r.decided) {
      const label = d.decision ? DECISION_LABELS[d.decision] : '处理';
      const units = byDecision.get(label) ?? [];
      if (!units.includes(d.unit)) units.push(d.unit);
      byDecision.set(label, units);
    }
    const lines = [...byDecision].map(([label, units]) => `${label}${units.join('、')}的意见`);
    if (r.status === 'resolved') lines.push(r.note ? `人工修改：${r.note}` : '人工修改');
    if (r.status === 'needs_manual_edit') lines.push('（待人工修改）');
    notes.set(r.key, [...(notes.get(r.key) ?? []), ...lines]);
  }
  return new Map([...notes].map(([k, v]) => [k, [...new Set(v)].join('；')]));
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

/**
 * One row: 修改后条文 says what the next version really holds — the sentences of the clause that
 * changed, as they now read (once per clause: later rows point back to the first; an added clause whole), 需人工修改 while a person has yet
 * to apply it, 未作修改 where the clause stayed as it was.
 */
function adoptionRow(
  seq: number,
  r: TableItem,
  before: Map<string, ClauseRef>,
  after: Map<string, ClauseRef> | null,
  addedBy: Map<string, string>,
  manual: Set<string> = new Set(),
  shown: Map<string, number> = new Map(),
): AdoptionRow {
  const old = r.clauseId && r.lineageKey ? before.get(r.lineageKey) : undefined;
  const now = after && r.lineageKey ? after.get(r.lineageKey) : undefined;
  const addedKey = r.changeId ? addedBy.get(r.changeId) : undefined;
  const added = addedKey && after ? after.get(addedKey) : undefined;
  const taken = r.decision === 'adopted' || r.decision === 'partially_adopted';
  let revisedText = '';
  if (taken && after) {
    const target = added ?? now;
    const key = added ? `added:${addedKey}` : r.lineageKey ?? '';
    if (r.changeId && manual.has(r.changeId)) revisedText = '（需人工修改，尚未修改）';
    else if (!target) revisedText = old ? '（该条已删除）' : '';
    else if (!added && old && target.fullText === old.fullText) revisedText = '（条文未作修改）';
    else if (shown.has(key)) revisedText = `（同序号${shown.get(key)}）`;
    else {
      shown.set(key, seq);
      revisedText = old && !added ? changedPassage(old.fullText, target.fullText) : target.fullText;
    }
  }
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
