import { Injectable } from '@nestjs/common';
import { AccessPolicy, Actor, isOffice } from '@zq/access';
import { Clock, FileDownload, RenderThreads, threadTask } from '@zq/common';
import { DraftingErrors } from './errors';
import { DirectoryService, Unit } from '@zq/directory';
import { UnitOfWork } from '@zq/jobs';
import { recordAudit } from '@zq/persistence';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { type ClauseKind, type ImportResult, type ItemNumbering, type LetterFacts, type ParsedClause, type ResponsibleUnit } from './clause-tree';
import { KeyedClause, VersionDiff } from './diff';
import { Clause, ClauseResponsibility } from './entities/clause.entity';
import { DraftVersion, Policy } from './entities/policy.entity';
import { importDocx, importFile, importText, sniffFormat } from './importer';
import { renderText } from './renderer';
import { readClauseTree } from './tree-check';
import { applyTreeOperations, type EditableNode, type TreeOperation } from './tree-edit';
import { VersionPublication, VersionVisibility } from './version-ports';

/** A clause of an import preview: a parsed clause with the key the review screen addresses it by. */
export interface PreviewClause extends Omit<ParsedClause, 'children'> {
  key: string;
  children: PreviewClause[];
}

/** A stored clause with its place in the tree, as the API and other domains read it. */
export interface StoredClause {
  id: string;
  versionId: string;
  parentId: string | null;
  lineageKey: string;
  position: number;
  ordinal: number;
  kind: ClauseKind;
  label: string;
  number: number | null;
  heading: string;
  text: string;
  tableRows: string[][] | null;
  responsibilityRaw: string | null;
  responsibilities: { unitId: string | null; name: string; isLead: boolean }[];
}

export interface ClauseNode extends StoredClause {
  children: ClauseNode[];
}

/** A node to store: a parsed clause, with the lineage key it keeps (absent: a new clause). */
export interface NodeToStore {
  /** keep this clause id (a corrected tree keeps its clauses' ids) */
  id?: string;
  lineageKey?: string;
  kind: ClauseKind;
  label: string;
  number: number | null;
  heading: string;
  text: string;
  responsibleUnits: ResponsibleUnit[];
  responsibilityRaw?: string | null;
  table?: { rows: string[][] } | null;
  children: NodeToStore[];
}

export interface ImportInput {
  text?: string;
  docx?: Buffer;
  /** any uploaded file: .docx, .doc, a text PDF or text, recognised by content */
  file?: Buffer;
  fileName?: string;
  /** 征求意见稿 / 二次征求意见稿 / 送审稿 …; default: from the title's （…稿） */
  label?: string;
  /** a new version of an existing policy (lineage keys carry over) */
  policyId?: string;
  /**
   * The tree as the office corrected it on the review screen (the preview's clauses after
   * previewEdit): checked (readClauseTree) and stored as sent instead of the parsed tree; the
   * source still gives the title, the letter and the document facts.
   */
  clauses?: unknown[];
  /** how the corrected tree numbers its items (the preview's numbering.items) */
  numbering?: ItemNumbering;
  /**
   * With no policyId: a draft whose title names a policy already on file becomes that policy's next
   * version (not a second policy of the same title); the very text of one of its versions is that version.
   */
  matchExistingPolicy?: boolean;
}

export interface ImportSummary {
  policyId: string;
  versionId: string;
  seq: number;
  title: string;
  label: string;
  letter: LetterFacts | null;
  warnings: ImportResult['warnings'];
  clauseCount: number;
  /** matchExistingPolicy: the policy on file it was filed under, and whether an identical version was reused */
  matched?: { policyTitle: string; reusedVersion: boolean } | null;
}

/** 关于…的意见（二次征求意见稿） → { policy: 关于…的意见, label: 二次征求意见稿 } */
export function splitTitle(title: string): { policyTitle: string; label: string | null } {
  const m = /^(.*?)[（(]([^（）()]*稿)[）)]\s*$/.exec(title.trim());
  return m ? { policyTitle: m[1].trim(), label: m[2] } : { policyTitle: title.trim(), label: null };
}

/** A draft typeset as .docx on a render thread (a long draft holds the CPU for a while). */
const RENDER_DOCX = threadTask<typeof import('./renderer/render-docx')>(require.resolve('./renderer/render-docx'));
const DIFF = threadTask<typeof import('./diff/diff-task')>(require.resolve('./diff/diff-task'));

@Injectable()
export class DraftingService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly uow: UnitOfWork,
    private readonly directory: DirectoryService,
    private readonly clock: Clock,
    private readonly visibility: VersionVisibility,
    private readonly publication: VersionPublication,
    private readonly renders: RenderThreads,
  ) {}

  /** Parses without saving, for the office to review the tree beside the source. */
  async previewImport(actor: Actor, input: ImportInput): Promise<ImportResult & { clauses: PreviewClause[] }> {
    AccessPolicy.requireOffice(actor);
    const parsed = await this.parse(input);
    // each clause gets a key that stays with it through corrections; warnings name their clause by it
    const keyed = (nodes: ParsedClause[], prefix: string): PreviewClause[] => nodes.map((c, i) => ({ key: `${prefix}${i}`, ...c, children: keyed(c.children, `${prefix}${i}.`) }));
    return { ...parsed, clauses: keyed(parsed.clauses, '') };
  }

  async importDraft(actor: Actor, input: ImportInput): Promise<ImportSummary> {
    AccessPolicy.requireOffice(actor);
    const parsed = await this.parse(input);
    // a letter without its draft has no tree to correct: it is refused below as IMPORT_NO_CLAUSES, not as an empty tree
    if (input.clauses !== undefined && (input.clauses.length > 0 || parsed.clauses.length > 0)) {
      // what the office corrected is what is saved: checked, its units looked up again (never trusted from the browser)
      const corrected = await this.linkUnits(readClauseTree(input.clauses));
      const relink = (nodes: EditableNode[]): ParsedClause[] =>
        nodes.map((n) => ({
          kind: n.kind,
          label: n.label,
          number: n.number,
          heading: n.heading,
          text: n.text,
          responsibleUnits: n.responsibleUnits,
          ...(n.responsibilityRaw ? { responsibilityRaw: n.responsibilityRaw } : {}),
          ...(n.table ? { table: n.table } : {}),
          children: relink(n.children),
        }));
      parsed.clauses = relink(corrected);
      if (input.numbering) parsed.numbering = { items: input.numbering };
    }
    if (parsed.clauses.length === 0) {
      // a letter or public notice without its draft: the preview shows its facts, but there is nothing to store
      throw DraftingErrors.importNoClauses({ title: parsed.title, letter: parsed.letter ?? null });
    }
    const { policyTitle, label: titleLabel } = splitTitle(parsed.title);
    const label = input.label?.trim() || titleLabel || '征求意见稿';
    const organizer = await this.dataSource.getRepository(Unit).findOne({ where: { kind: 'organizer' } });
    return this.uow.run(async (em) => {
      let policyId = input.policyId;
      let matched: ImportSummary['matched'] = null;
      if (!policyId && input.matchExistingPolicy) {
        const same = await em.getRepository(Policy).findOne({ where: { title: policyTitle }, order: { createdAt: 'DESC' } });
        if (same) {
          policyId = same.id;
          matched = { policyTitle: same.title, reusedVersion: false };
          const [identical]: { id: string; seq: number; label: string; n: number }[] = input.text && input.clauses === undefined
            ? await em.query(
                `SELECT v.id, v.seq, v.label, (SELECT count(*)::int FROM clause c WHERE c.version_id = v.id) AS n
                   FROM draft_version v WHERE v.policy_id = $1 AND v.source_text = $2 ORDER BY v.seq DESC LIMIT 1`,
                [same.id, input.text],
              )
            : [];
          if (identical) {
            return {
              policyId,
              versionId: identical.id,
              seq: identical.seq,
              title: parsed.title,
              label: identical.label,
              letter: parsed.letter ?? null,
              warnings: parsed.warnings,
              clauseCount: identical.n,
              matched: { policyTitle: same.title, reusedVersion: true },
            };
          }
        }
      }
      if (policyId) {
        const exists = await em.getRepository(Policy).exists({ where: { id: policyId } });
        if (!exists) throw DraftingErrors.policyNotFound({ policyId });
      } else {
        policyId = randomUUID();
        await em.getRepository(Policy).insert({ id: policyId, title: policyTitle, draftingUnitId: organizer?.id ?? null, createdBy: actor.userId });
      }
      const previous = input.policyId || matched ? await this.latestVersion(em, policyId) : null;
      const nodes: NodeToStore[] = parsed.clauses.map(fromParsed);
      if (previous) carryLineage(nodes, await this.tree(previous.id, em));
      const version = await this.createVersion(em, actor, {
        policyId,
        label,
        title: parsed.title,
        itemNumbering: parsed.numbering.items,
        sourceFormat: input.file ? sniffFormat(input.file) : input.docx ? 'docx' : 'txt',
        sourceText: input.text ?? null,
        letter: parsed.letter ?? null,
        derivedFromVersionId: null,
        nodes,
      });
      return {
        policyId,
        versionId: version.id,
        seq: version.seq,
        title: parsed.title,
        label,
        letter: parsed.letter ?? null,
        warnings: parsed.warnings,
        clauseCount: version.clauseCount,
        matched,
      };
    });
  }

  /** Stores a new version with its whole clause tree in a few bulk statements. */
  async createVersion(
    em: EntityManager,
    actor: Actor | null,
    input: {
      policyId: string;
      label: string;
      title: string;
      itemNumbering: ItemNumbering;
      sourceFormat: string;
      sourceText: string | null;
      letter: LetterFacts | null;
      derivedFromVersionId: string | null;
      nodes: NodeToStore[];
    },
  ): Promise<{ id: string; seq: number; clauseCount: number; lineage: Map<string, string> }> {
    const [{ next }] = await em.query(`SELECT coalesce(max(seq), 0) + 1 AS next FROM draft_version WHERE policy_id = $1`, [input.policyId]);
    const versionId = randomUUID();
    await em.getRepository(DraftVersion).insert({
      id: versionId,
      policyId: input.policyId,
      seq: next,
      label: input.label,
      title: input.title,
      itemNumbering: input.itemNumbering,
      sourceFormat: input.sourceFormat,
      sourceText: input.sourceText,
      letter: input.letter as never,
      derivedFromVersionId: input.derivedFromVersionId,
      createdBy: actor?.userId ?? null,
    });
    const { clauses, lineage } = await this.insertTree(em, versionId, input.nodes);
    await recordAudit(em, {
      actorUserId: actor?.userId ?? null,
      action: 'version.created',
      entityType: 'draft_version',
      entityId: versionId,
      data: { policyId: input.policyId, seq: next, label: input.label, clauses, derivedFrom: input.derivedFromVersionId },
    });
    return { id: versionId, seq: next, clauseCount: clauses, lineage };
  }

  /** A version's clause tree in a few bulk statements: clauses in document order, then their units. */
  private async insertTree(em: EntityManager, versionId: string, nodes: NodeToStore[]): Promise<{ clauses: number; lineage: Map<string, string> }> {
    const clauses: Partial<Clause>[] = [];
    const responsibilities: Partial<ClauseResponsibility>[] = [];
    const lineage = new Map<string, string>(); // lineageKey → clause id
    let ordinal = 0;
    const walk = (nodes: NodeToStore[], parentId: string | null) =>
      nodes.forEach((n, position) => {
        const id = n.id ?? randomUUID();
        const lineageKey = n.lineageKey ?? randomUUID();
        if (lineage.has(lineageKey)) throw DraftingErrors.lineageDuplicate({ lineageKey });
        lineage.set(lineageKey, id);
        clauses.push({
          id,
          versionId,
          parentId,
          position,
          ordinal: ordinal++,
          kind: n.kind,
          label: n.label,
          number: n.number,
          heading: n.heading,
          text: n.text,
          lineageKey,
          tableRows: n.table?.rows ?? null,
          responsibilityRaw: n.responsibilityRaw ?? null,
        });
        n.responsibleUnits.forEach((u, i) => responsibilities.push({ clauseId: id, unitId: u.unitId ?? null, name: u.name, isLead: u.isLead, position: i }));
        walk(n.children, id);
      });
    walk(nodes, null);
    for (let i = 0; i < clauses.length; i += 1000) {
      await em.createQueryBuilder().insert().into(Clause).values(clauses.slice(i, i + 1000) as never).execute();
    }
    for (let i = 0; i < responsibilities.length; i += 2000) {
      await em.createQueryBuilder().insert().into(ClauseResponsibility).values(responsibilities.slice(i, i + 2000) as never).execute();
    }
    return { clauses: clauses.length, lineage };
  }

  /**
   * The office corrects the parsed tree of a version still in editing: kind and level, split, merge,
   * heading and text, the 责任单位 note and the lead (see applyTreeOperations). All operations apply
   * in one transaction, the tree is renumbered and stored again (clauses keep their ids and lineage
   * keys), and the change is audited. A published version, or one a round uses, is refused.
   */
  async editTree(actor: Actor, versionId: string, operations: TreeOperation[]) {
    AccessPolicy.requireOffice(actor);
    return this.uow.run(async (em) => {
      const version = await em.getRepository(DraftVersion).findOne({ where: { id: versionId }, lock: { mode: 'pessimistic_write' } });
      if (!version) throw DraftingErrors.versionNotFound({ versionId });
      if (version.status === 'published' || version.lockedAt) throw DraftingErrors.versionLocked({ versionId, status: version.status });
      const edited = applyTreeOperations(toEditable(await this.tree(versionId, em)), operations, version.itemNumbering);
      await em.query(`DELETE FROM clause WHERE version_id = $1`, [versionId]);
      const { clauses } = await this.insertTree(em, versionId, edited.map(fromEditable));
      await recordAudit(em, {
        actorUserId: actor.userId,
        action: 'version.tree_edited',
        entityType: 'draft_version',
        entityId: versionId,
        data: { operations: operations.map((o) => ({ ...o })), clauses },
      });
      return { ...versionView(version), clauses: await this.tree(versionId, em) };
    });
  }

  /**
   * The same corrections on an import preview, nothing stored. The tree comes back from the browser
   * and is checked first (readClauseTree); clauses are addressed by their key (the preview's, kept
   * through every correction; a clause split off gets a new one), or by their path ("1.0.2").
   */
  async previewEdit(actor: Actor, input: { clauses: unknown[]; numbering: ItemNumbering; operations: TreeOperation[] }): Promise<PreviewClause[]> {
    AccessPolicy.requireOffice(actor);
    const tree = await this.linkUnits(readClauseTree(input.clauses));
    const strip = (nodes: EditableNode[]): PreviewClause[] =>
      nodes.map(({ key, lineageKey: _l, children, responsibilityRaw, table, ...rest }) => ({
        key: key.startsWith('new:') ? `n-${randomUUID().slice(0, 13)}` : key,
        ...rest,
        ...(responsibilityRaw ? { responsibilityRaw } : {}),
        ...(table ? { table } : {}),
        children: strip(children),
      }));
    return strip(applyTreeOperations(tree, input.operations, input.numbering));
  }

  async listPolicies(actor: Actor) {
    AccessPolicy.requireOffice(actor);
    return this.dataSource.query(
      `SELECT p.id, p.title, p.created_at AS "createdAt",
              coalesce(json_agg(json_build_object('id', v.id, 'seq', v.seq, 'label', v.label, 'title', v.title, 'status', v.status,
                        'locked', v.locked_at IS NOT NULL, 'createdAt', v.created_at) ORDER BY v.seq) FILTER (WHERE v.id IS NOT NULL), '[]') AS versions
         FROM policy p LEFT JOIN draft_version v ON v.policy_id = p.id
        GROUP BY p.id ORDER BY p.created_at DESC`,
    );
  }

  async getPolicy(actor: Actor, policyId: string) {
    AccessPolicy.requireOffice(actor);
    const [policy] = (await this.listPolicies(actor)).filter((p: { id: string }) => p.id === policyId);
    if (!policy) throw DraftingErrors.policyNotFound({ policyId });
    return policy;
  }

  /** Office: any version; a unit: only versions of rounds it was asked in. */
  async requireVersionAccess(actor: Actor, versionId: string): Promise<DraftVersion> {
    const version = await this.dataSource.getRepository(DraftVersion).findOne({ where: { id: versionId } });
    if (!version) throw DraftingErrors.versionNotFound({ versionId });
    if (isOffice(actor)) return version;
    const allowed = await this.visibility.visibleTo(versionId, [actor.unitId, actor.parentUnitId].filter((u): u is string => !!u));
    if (!allowed) throw DraftingErrors.versionNotFound({ versionId });
    return version;
  }

  async getVersion(versionId: string, em: EntityManager = this.dataSource.manager): Promise<DraftVersion> {
    const version = await em.getRepository(DraftVersion).findOne({ where: { id: versionId } });
    if (!version) throw DraftingErrors.versionNotFound({ versionId });
    return version;
  }

  async latestVersion(em: EntityManager, policyId: string): Promise<DraftVersion | null> {
    return em.getRepository(DraftVersion).findOne({ where: { policyId }, order: { seq: 'DESC' } });
  }

  /** Clauses of a version in document order, with their responsible units. */
  async listClauses(versionId: string, em: EntityManager = this.dataSource.manager): Promise<StoredClause[]> {
    const rows = await em.query(
      `SELECT c.id, c.version_id AS "versionId", c.parent_id AS "parentId", c.lineage_key AS "lineageKey", c.position, c.ordinal,
              c.kind, c.label, c.number, c.heading, c.text, c.table_rows AS "tableRows", c.responsibility_raw AS "responsibilityRaw",
              coalesce((SELECT json_agg(json_build_object('unitId', r.unit_id, 'name', r.name, 'isLead', r.is_lead) ORDER BY r.position)
                          FROM clause_responsibility r WHERE r.clause_id = c.id), '[]') AS responsibilities
         FROM clause c WHERE c.version_id = $1 ORDER BY c.ordinal`,
      [versionId],
    );
    return rows;
  }

  async tree(versionId: string, em: EntityManager = this.dataSource.manager): Promise<ClauseNode[]> {
    const flat = await this.listClauses(versionId, em);
    const byId = new Map<string, ClauseNode>(flat.map((c) => [c.id, { ...c, children: [] }]));
    const roots: ClauseNode[] = [];
    for (const c of flat) {
      const node = byId.get(c.id)!;
      if (c.parentId) byId.get(c.parentId)!.children.push(node);
      else roots.push(node);
    }
    return roots;
  }

  async getClause(actor: Actor, clauseId: string): Promise<StoredClause> {
    const clause = await this.dataSource.getRepository(Clause).findOne({ where: { id: clauseId } });
    if (!clause) throw DraftingErrors.clauseNotFound({ clauseId });
    await this.requireVersionAccess(actor, clause.versionId);
    const [stored] = (await this.listClauses(clause.versionId)).filter((c) => c.id === clauseId);
    return stored;
  }

  async versionWithTree(actor: Actor, versionId: string) {
    const version = await this.requireVersionAccess(actor, versionId);
    return { ...versionView(version), clauses: await this.tree(versionId) };
  }

  async export(actor: Actor, versionId: string, format: 'txt' | 'docx'): Promise<FileDownload> {
    const version = await this.requireVersionAccess(actor, versionId);
    const doc = { title: version.title, clauses: toParsed(await this.tree(versionId)) };
    const base = `${version.title}`.replace(/[\\/:*?"<>|]/g, '_');
    if (format === 'docx') {
      return { fileName: `${base}.docx`, mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', body: await this.renders.run(RENDER_DOCX, 'renderDocx', doc) };
    }
    return { fileName: `${base}.txt`, mime: 'text/plain; charset=utf-8', body: Buffer.from(renderText(doc), 'utf8') };
  }

  /** Clause by clause via lineage keys: added, deleted, moved, changed, with a word-level redline. */
  async diff(actor: Actor, fromVersionId: string, toVersionId: string): Promise<VersionDiff & { from: ReturnType<typeof versionView>; to: ReturnType<typeof versionView> }> {
    const from = await this.requireVersionAccess(actor, fromVersionId);
    const to = await this.requireVersionAccess(actor, toVersionId);
    if (from.policyId !== to.policyId) throw DraftingErrors.versionsOfDifferentPolicies();
    const [a, b] = await Promise.all([this.tree(fromVersionId), this.tree(toVersionId)]);
    // compared on a render thread: the event loop stays free for everyone else
    return { from: versionView(from), to: versionView(to), ...(await this.renders.run(DIFF, 'diffTrees', toKeyed(a), toKeyed(b))) };
  }

  /** A version used by a round becomes immutable (PostgreSQL refuses clause changes from then on). */
  async lockVersion(em: EntityManager, versionId: string): Promise<void> {
    await em.query(`UPDATE draft_version SET locked_at = coalesce(locked_at, $2) WHERE id = $1`, [versionId, this.clock.now()]);
  }

  /**
   * Edits one clause of an editing version by hand (adoption's manual edits, in the caller's
   * transaction): null keeps a field. Returns the clause as stored, or null if the version has no
   * clause of that lineage.
   */
  async editClause(em: EntityManager, versionId: string, lineageKey: string, patch: { text?: string; heading?: string }): Promise<{ text: string; heading: string } | null> {
    const [rows]: [{ text: string; heading: string }[], number] = await em.query(
      `UPDATE clause SET text = coalesce($3, text), heading = coalesce($4, heading) WHERE version_id = $1 AND lineage_key = $2 RETURNING text, heading`,
      [versionId, lineageKey, patch.text ?? null, patch.heading ?? null],
    );
    return rows[0] ?? null;
  }

  /** Publishes an editing version (a round's conclusion, in its transaction); false if it was not editing. */
  async publishEditing(em: EntityManager, versionId: string, at: Date): Promise<boolean> {
    const [rows]: [unknown[], number] = await em.query(`UPDATE draft_version SET status = 'published', published_at = $2 WHERE id = $1 AND status = 'editing' RETURNING id`, [versionId, at]);
    return rows.length > 0;
  }

  /** Deletes a version that nothing uses any more (its clauses go with it), in the caller's transaction. */
  async deleteVersion(em: EntityManager, versionId: string): Promise<void> {
    await em.query(`DELETE FROM draft_version WHERE id = $1`, [versionId]);
  }

  async publishVersion(actor: Actor, versionId: string) {
    AccessPolicy.requireOffice(actor);
    return this.uow.run(async (em) => {
      const version = await this.getVersion(versionId, em);
      if (version.status === 'published') throw DraftingErrors.versionAlreadyPublished();
      // a round's next version is published by concluding that round, after every comment is decided
      const pending = await this.publication.awaitingConclusion(em, versionId);
      if (pending) throw DraftingErrors.versionPublishedByConclusion({ roundId: pending.roundId });
      await em.getRepository(DraftVersion).update(versionId, { status: 'published', publishedAt: this.clock.now() });
      await recordAudit(em, { actorUserId: actor.userId, action: 'version.published', entityType: 'draft_version', entityId: versionId });
      return versionView({ ...version, status: 'published', publishedAt: this.clock.now() });
    });
  }

  /** The 责任单位 of a tree from the browser, looked up again in the directory (a unit id is never taken from the client). */
  private async linkUnits(tree: EditableNode[]): Promise<EditableNode[]> {
    const resolver = await this.directory.resolver();
    const walk = (nodes: EditableNode[]) =>
      nodes.forEach((n) => {
        n.responsibleUnits = n.responsibleUnits.map(({ name, isLead }) => {
          const r = resolver.resolve(name);
          return r.status === 'resolved' && r.unit.id ? { name, isLead, unitId: r.unit.id } : { name, isLead };
        });
        walk(n.children);
      });
    walk(tree);
    return tree;
  }

  private async parse(input: ImportInput): Promise<ImportResult> {
    if (!input.text && !input.docx && !input.file) throw DraftingErrors.importSourceRequired({ field: 'text' });
    const resolver = await this.directory.resolver();
    if (input.file) return importFile(input.file, input.fileName ?? '', { resolver });
    return input.docx ? importDocx(input.docx, { resolver }) : importText(input.text!, { resolver });
  }
}

export function versionView(v: DraftVersion) {
  return {
    id: v.id,
    policyId: v.policyId,
    seq: v.seq,
    label: v.label,
    title: v.title,
    status: v.status,
    locked: v.lockedAt !== null,
    itemNumbering: v.itemNumbering,
    letter: v.letter,
    derivedFromVersionId: v.derivedFromVersionId,
    createdAt: v.createdAt,
    publishedAt: v.publishedAt,
  };
}

function toEditable(nodes: ClauseNode[]): EditableNode[] {
  return nodes.map((n) => ({
    key: n.id,
    lineageKey: n.lineageKey,
    kind: n.kind,
    label: n.label,
    number: n.number,
    heading: n.heading,
    text: n.text,
    responsibleUnits: n.responsibilities.map((r) => ({ name: r.name, isLead: r.isLead, ...(r.unitId ? { unitId: r.unitId } : {}) })),
    responsibilityRaw: n.responsibilityRaw,
    table: n.tableRows ? { rows: n.tableRows } : null,
    children: toEditable(n.children),
  }));
}

function fromEditable(n: EditableNode): NodeToStore {
  const stored = !n.key.startsWith('new:');
  return {
    ...(stored ? { id: n.key, lineageKey: n.lineageKey } : {}),
    kind: n.kind,
    label: n.label,
    number: n.number,
    heading: n.heading,
    text: n.text,
    responsibleUnits: n.responsibleUnits,
    responsibilityRaw: n.responsibilityRaw ?? null,
    table: n.table ?? null,
    children: n.children.map(fromEditable),
  };
}

function fromParsed(c: ParsedClause): NodeToStore {
  return {
    kind: c.kind,
    label: c.label,
    number: c.number,
    heading: c.heading,
    text: c.text,
    responsibleUnits: c.responsibleUnits,
    responsibilityRaw: c.responsibilityRaw ?? null,
    table: c.table ?? null,
    children: c.children.map(fromParsed),
  };
}

/** Stored tree → the shape the renderers take. */
export function toParsed(nodes: ClauseNode[]): ParsedClause[] {
  return nodes.map((n) => ({
    kind: n.kind,
    label: n.label,
    number: n.number,
    heading: n.heading,
    text: n.text,
    responsibleUnits: n.responsibilities.map((r) => ({ name: r.name, isLead: r.isLead, ...(r.unitId ? { unitId: r.unitId } : {}) })),
    ...(n.responsibilityRaw ? { responsibilityRaw: n.responsibilityRaw } : {}),
    ...(n.tableRows ? { table: { rows: n.tableRows } } : {}),
    children: toParsed(n.children),
  }));
}

export function toKeyed(nodes: ClauseNode[]): KeyedClause[] {
  return nodes.map((n) => ({
    lineageKey: n.lineageKey,
    kind: n.kind,
    label: n.label,
    heading: n.heading,
    text: n.text,
    responsibleUnits: n.responsibilities.map((r) => ({ name: r.name })),
    children: toKeyed(n.children),
  }));
}

/**
 * A re-imported version of a policy keeps the lineage keys of the clauses it still has: matched by
 * kind and heading under the same parent, else by kind and position, so renumbering keeps them.
 */
export function carryLineage(nodes: NodeToStore[], previous: ClauseNode[]): void {
  const used = new Set<string>();
  const match = (next: NodeToStore[], prev: ClauseNode[]) => {
    next.forEach((n, i) => {
      const byHeading = n.heading ? prev.find((p) => !used.has(p.lineageKey) && p.kind === n.kind && p.heading === n.heading) : undefined;
      const byText = !byHeading && n.text ? prev.find((p) => !used.has(p.lineageKey) && p.kind === n.kind && !p.heading && p.text === n.text) : undefined;
      const byPosition = !byHeading && !byText ? prev.filter((p) => p.kind === n.kind)[next.slice(0, i).filter((x) => x.kind === n.kind).length] : undefined;
      const hit = byHeading ?? byText ?? (byPosition && !used.has(byPosition.lineageKey) && (!n.heading || !byPosition.heading) ? byPosition : undefined);
      if (hit) {
        used.add(hit.lineageKey);
        n.lineageKey = hit.lineageKey;
        match(n.children, hit.children);
      }
    });
  };
  match(nodes, previous);
}
