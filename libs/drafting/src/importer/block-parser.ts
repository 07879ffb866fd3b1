import type { ClauseKind, ParsedClause } from '../clause-tree';
import { lineAt, type LogicalBlock, type LogicalLine } from './blocks';
import { isAnnexListing, matchAnnexMarker, matchMarker, splitHeading } from './markers';
import { formatLabel } from './numerals';
import { isStandaloneNote, splitTrailingNote, type ResponsibilityReader } from './responsibility';
import { checkTableRows } from './table-check';
import type { WarningLog } from './warning-log';

/** Nesting depth of each numbered kind; an annex (0) holds everything after it. */
const LEVEL = { annex: 0, part: 1, section: 2, item: 3, subitem: 4 } as const;

export interface ParsedBody {
  clauses: ParsedClause[];
  /** the source line of each numbered clause, for numbering warnings */
  lines: Map<ParsedClause, number>;
}

/**
 * Builds the clause tree from paragraphs and tables. A numbered clause nests under the nearest
 * open clause of a shallower kind (so items may sit directly under a part); paragraphs, tables
 * and notes belong to the clause open above them.
 */
export function parseBlocks(blocks: LogicalBlock[], units: ResponsibilityReader, warnings: WarningLog): ParsedBody {
  const roots: ParsedClause[] = [];
  const lines = new Map<ParsedClause, number>();
  const open: { node: ParsedClause; level: number }[] = [];
  let awaitingAnnexTitle: ParsedClause | null = null;

  const attach = (node: ParsedClause) => (open.length ? open[open.length - 1].node.children : roots).push(node);
  const openClause = (node: ParsedClause, level: number) => {
    while (open.length && open[open.length - 1].level >= level) open.pop();
    attach(node);
    open.push({ node, level });
  };

  for (const block of blocks) {
    if (block.type === 'table') {
      awaitingAnnexTitle = null;
      checkTableRows(block, warnings);
      attach({ ...emptyClause('table'), table: { rows: block.rows } });
      continue;
    }
    const text = block.text;

    const annex = matchAnnexMarker(text);
    if (annex) {
      const node = { ...emptyClause('annex'), label: formatLabel('annex', annex.number), number: annex.number };
      open.length = 0;
      openClause(node, LEVEL.annex);
      lines.set(node, block.line);
      awaitingAnnexTitle = node;
      continue;
    }
    if (awaitingAnnexTitle) {
      const target = awaitingAnnexTitle;
      awaitingAnnexTitle = null;
      if (!matchMarker(text) && text.length <= 60 && !/[。；]/.test(text)) {
        target.heading = text;
        continue;
      }
    }

    if (isStandaloneNote(text)) {
      const owner = open.length ? open[open.length - 1].node : null;
      if (owner && owner.kind !== 'annex') {
        addNote(owner, text, block.line, units, warnings);
        continue;
      }
      warnings.add('NOTE_WITHOUT_CLAUSE', `${warnings.at(block.line)}责任单位说明前没有条款，按普通段落导入`, block.line);
    }

    const marker = matchMarker(text);
    if (marker) {
      const node: ParsedClause = { ...emptyClause(marker.kind), label: marker.label, number: marker.number };
      const { body, note } = splitTrailingNote(marker.rest);
      Object.assign(node, splitHeading(body));
      if (note) addNote(node, note, lineAt(block, text.length - note.length), units, warnings);
      else units.noticeRule(body);
      openClause(node, LEVEL[marker.kind]);
      lines.set(node, block.line);
      continue;
    }

    if (isAnnexListing(text)) {
      // 附件：… lists the attachments of the whole document, outside any clause
      while (open.length && open[open.length - 1].level > 0) open.pop();
    }
    attach(paragraph(block, units, warnings));
  }
  return { clauses: roots, lines };
}

function paragraph(block: LogicalLine, units: ResponsibilityReader, warnings: WarningLog): ParsedClause {
  const node = emptyClause('paragraph');
  const { body, note } = splitTrailingNote(block.text);
  if (note && body) {
    node.text = body;
    addNote(node, note, lineAt(block, block.text.length - note.length), units, warnings);
  } else {
    node.text = block.text;
    units.noticeRule(block.text);
  }
  return node;
}

function addNote(node: ParsedClause, raw: string, line: number, units: ResponsibilityReader, warnings: WarningLog): void {
  if (node.responsibilityRaw !== undefined) {
    warnings.add('NOTE_DUPLICATE', `${warnings.at(line)}同一条款有两处责任单位说明，已合并`, line);
    node.responsibilityRaw = `${node.responsibilityRaw}${raw}`;
    node.responsibleUnits = [...node.responsibleUnits, ...units.read(raw, line)];
    return;
  }
  node.responsibilityRaw = raw;
  node.responsibleUnits = units.read(raw, line);
}

export function emptyClause(kind: ClauseKind): ParsedClause {
  return { kind, label: '', number: null, heading: '', text: '', responsibleUnits: [], children: [] };
}
