import type { ClauseKind, ParsedClause } from '../clause-tree';
import { lineAt, type LogicalBlock, type LogicalLine } from './blocks';
import {
  isAnnexListing,
  isHeadingOnly,
  matchAnnexMarker,
  matchDigitLedItem,
  matchMarker,
  matchRegulationMarker,
  readAnnexHead,
  splitChapterLine,
  splitHeading,
  startsStructure,
  type Marker,
} from './markers';
import { isStandaloneNote, splitTrailingNote, type ResponsibilityReader } from './responsibility';
import { checkTableRows } from './table-check';
import type { WarningLog } from './warning-log';

/** Nesting depth of each numbered kind; an annex (0) holds everything after it. */
const LEVEL = { annex: 0, part: 1, chapter: 1, section: 2, jie: 2, article: 3, item: 3, subitem: 4 } as const;

export interface ParsedBody {
  clauses: ParsedClause[];
  /** the source line each clause starts on, for warnings (numbering, notes, tables) to point at it */
  lines: Map<ParsedClause, number>;
}

export interface ParseOptions {
  /** a bulletin or report: a short line standing alone heads a part */
  bareHeadings?: boolean;
}

interface OpenClause {
  node: ParsedClause;
  level: number;
  /** inside an article: the printed style of the number (一、 （一） 1. （1）) and the depth under the article */
  style?: Marker['kind'];
  depth?: number;
}

/**
 * Builds the clause tree from paragraphs and tables. A numbered clause nests under the nearest
 * open clause of a shallower kind (so items may sit directly under a part); paragraphs, tables
 * and notes belong to the clause open above them. Inside an article (第X条) the numbering is the
 * article's own: （一）/一、 are its items, the 1. under them subitems, nested in the order the
 * styles first appear; an unnumbered paragraph is the article's next 款.
 */
export function parseBlocks(input: LogicalBlock[], units: ResponsibilityReader, warnings: WarningLog, opts: ParseOptions = {}): ParsedBody {
  const blocks = skipTableOfContents(input);
  const roots: ParsedClause[] = [];
  const lines = new Map<ParsedClause, number>();
  const open: OpenClause[] = [];
  let awaitingAnnexTitle: ParsedClause | null = null;
  /** a document of 一、 parts with 第X条 articles inside them: 二、 after an article is the next part */
  let lastPart = 0;
  let partsOutsideArticles = false;
  let lastItem = 0;
  let listing = false;
  const laterAnnexMarker = annexMarkerAfter(blocks);

  let currentLine = 0;
  const attach = (node: ParsedClause) => {
    // every clause remembers the line it starts on: a warning on a line is about the clause there
    if (!lines.has(node)) lines.set(node, currentLine);
    (open.length ? open[open.length - 1].node.children : roots).push(node);
  };
  const openClause = (node: ParsedClause, level: number, extra: Partial<OpenClause> = {}) => {
    while (open.length && open[open.length - 1].level >= level) open.pop();
    attach(node);
    open.push({ node, level, ...extra });
  };
  const hasOpenItem = () => open.length > 0 && open[open.length - 1].node.children.some((c) => c.kind === 'item') || open.some((o) => o.node.kind === 'item');
  const articleIndex = () => {
    for (let i = open.length - 1; i >= 0; i--) if (open[i].node.kind === 'article') return i;
    return -1;
  };
  const closeToArticle = () => {
    const a = articleIndex();
    if (a >= 0) open.length = a + 1;
  };

  for (let index = 0; index < blocks.length; index++) {
    const block = blocks[index];
    currentLine = block.line;
    if (block.type === 'table') {
      awaitingAnnexTitle = null;
      listing = false;
      checkTableRows(block, warnings);
      closeToArticle();
      attach({ ...emptyClause('table'), table: { rows: block.rows } });
      continue;
    }
    let text = block.text;

    const annex = matchAnnexMarker(text);
    const annexHead = annex ? null : readAnnexHead(text);
    // "附件：…" after the text opens the annex when no "附件" line follows to open it
    if (annex || (annexHead && annexHead.title && !laterAnnexMarker[index] && roots.length > 0 && !looksLikeIndex(annexHead.title))) {
      const number = annex ? annex.number : annexHead!.number;
      const node = { ...emptyClause('annex'), label: annexLabel(annex ? text : text.slice(0, 2), number), number };
      if (annexHead) node.heading = annexHead.title;
      open.length = 0;
      openClause(node, LEVEL.annex);
      lines.set(node, block.line);
      awaitingAnnexTitle = annexHead ? null : node;
      listing = false;
      continue;
    }
    if (awaitingAnnexTitle) {
      const target = awaitingAnnexTitle;
      awaitingAnnexTitle = null;
      if (!matchMarker(text) && !matchRegulationMarker(text) && text.length <= 60 && !/[。；]/.test(text)) {
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

    const reg = matchRegulationMarker(text);
    if (reg) {
      listing = false;
      if (reg.kind === 'chapter') {
        const split = splitChapterLine(reg.rest);
        const node: ParsedClause = { ...emptyClause('chapter'), label: reg.label, number: reg.number, heading: split ? split.heading : reg.rest };
        openClause(node, LEVEL.chapter);
        lines.set(node, block.line);
        if (!split) continue;
        text = split.article;
        const article = matchRegulationMarker(text)!;
        openArticle(article.label, article.number, article.rest, block, text.length);
        continue;
      }
      if (reg.kind === 'jie') {
        const node: ParsedClause = { ...emptyClause('section'), label: reg.label, number: reg.number, heading: reg.rest };
        openClause(node, LEVEL.jie);
        lines.set(node, block.line);
        continue;
      }
      openArticle(reg.label, reg.number, reg.rest, block, text.length);
      continue;
    }

    let marker = matchMarker(text);
    if (!marker) {
      const digitLed = matchDigitLedItem(text);
      // 11.121人才梯队项目 after item 10, 1．1—苯基… as the first item of a section
      if (digitLed && (digitLed.number === lastItem + 1 || (lastItem > 0 && digitLed.number === 1 && !hasOpenItem()))) marker = digitLed;
    }
    if (marker) {
      if (listing && marker.kind === 'item') {
        attach(paragraph(block, units, warnings));
        continue;
      }
      listing = false;
      const inArticle = articleIndex() >= 0;
      const nextPart = marker.kind === 'part' && partsOutsideArticles && marker.number === lastPart + 1 && isHeadingOnly(marker.rest);
      if (inArticle && !nextPart) {
        openArticleChild(marker, block, text);
        continue;
      }
      const node: ParsedClause = { ...emptyClause(marker.kind), label: marker.label, number: marker.number };
      const { body, note } = splitTrailingNote(marker.rest);
      Object.assign(node, splitHeading(body));
      if (note) addNote(node, note, lineAt(block, text.length - note.length), units, warnings);
      else units.noticeRule(body);
      openClause(node, LEVEL[marker.kind]);
      lines.set(node, block.line);
      if (marker.kind === 'part') {
        lastPart = marker.number;
        partsOutsideArticles = true;
      }
      if (marker.kind === 'item') lastItem = marker.number;
      continue;
    }

    if ((opts.bareHeadings && isBareHeading(text, blocks[index + 1])) || (block.heading === 1 && text.length <= 40 && !startsStructure(text))) {
      const node: ParsedClause = { ...emptyClause('part'), heading: text };
      openClause(node, LEVEL.part);
      lines.set(node, block.line);
      continue;
    }

    if (isAnnexListing(text)) {
      // 附件：… lists the attachments of the whole document, outside any clause
      while (open.length && open[open.length - 1].level > 0) open.pop();
      listing = true;
    } else {
      listing = false;
      closeToArticle();
    }
    attach(paragraph(block, units, warnings));
  }
  return { clauses: roots, lines };

  function openArticle(label: string, number: number, rest: string, block: LogicalLine, end: number): void {
    const node: ParsedClause = { ...emptyClause('article'), label, number };
    const { body, note } = splitTrailingNote(rest);
    // 第一条（立法目的）为了… / 第一条【目的】…: a bracketed caption is the article's heading
    const caption = /^(?:[（(]([^（()）。，；]{1,16})[）)]|【([^【】]{1,16})】)(?=.)/.exec(body);
    if (caption) {
      node.heading = caption[1] ?? caption[2];
      node.text = body.slice(caption[0].length);
    } else {
      node.text = body;
    }
    if (note) addNote(node, note, lineAt(block, end - note.length), units, warnings);
    else units.noticeRule(body);
    openClause(node, LEVEL.article);
    lines.set(node, block.line);
    lastItem = 0;
  }

  function openArticleChild(marker: Marker, block: LogicalLine, text: string): void {
    const a = articleIndex();
    let depth = 1;
    let sibling = -1;
    for (let i = open.length - 1; i > a; i--) if (open[i].style === marker.kind) sibling = i;
    if (sibling >= 0) {
      depth = open[sibling].depth!;
      open.length = sibling;
    } else if (open.length - 1 > a) {
      depth = open[open.length - 1].depth! + 1;
    }
    const kind: ClauseKind = depth === 1 ? 'item' : 'subitem';
    const node: ParsedClause = { ...emptyClause(kind), label: marker.label, number: marker.number };
    const { body, note } = splitTrailingNote(marker.rest);
    node.text = body;
    if (note) addNote(node, note, lineAt(block, text.length - note.length), units, warnings);
    else units.noticeRule(body);
    attach(node);
    open.push({ node, level: LEVEL.article + depth, style: marker.kind, depth });
    lines.set(node, block.line);
    if (marker.kind === 'item') lastItem = marker.number;
  }
}

function annexLabel(printed: string, number: number | null): string {
  const word = printed.includes('表') ? '附表' : '附件';
  return number === null ? word : `${word}${number}`;
}

/** "1.名单 2.清单" after 附件：— an index of the attachments, not one of them. */
function looksLikeIndex(title: string): boolean {
  return /^[0-9０-９]{1,2}\s*[.．、]/.test(title);
}

/** For each block, whether a standalone 附件/附表 line comes later. */
function annexMarkerAfter(blocks: LogicalBlock[]): boolean[] {
  const out = new Array<boolean>(blocks.length).fill(false);
  let seen = false;
  for (let i = blocks.length - 1; i >= 0; i--) {
    out[i] = seen;
    const b = blocks[i];
    if (b.type === 'line' && matchAnnexMarker(b.text)) seen = true;
  }
  return out;
}

/** 目录 and the chapter titles under it: the table of contents repeats the headings the text has. */
function skipTableOfContents(blocks: LogicalBlock[]): LogicalBlock[] {
  const at = blocks.findIndex((b, i) => i < 20 && b.type === 'line' && /^目\s*录$/.test(b.text));
  if (at < 0) return blocks;
  const seen = new Set<string>();
  let end = at + 1;
  for (; end < blocks.length; end++) {
    const b = blocks[end];
    if (b.type !== 'line') break;
    const text = b.text.replace(/[.．…·\s]*[0-9０-９]*$/, '');
    const reg = matchRegulationMarker(text);
    const key = reg ? `${reg.kind}${reg.number}` : /^附\s*则$/.test(text) ? '附则' : null;
    if (!key || (reg && reg.kind === 'article')) break;
    if (reg?.kind === 'chapter' && seen.has(key)) break;
    seen.add(key);
  }
  return seen.size ? [...blocks.slice(0, at), ...blocks.slice(end)] : blocks;
}

/** A bulletin's part heading: a short line without sentence punctuation, followed by its text. */
function isBareHeading(text: string, next: LogicalBlock | undefined): boolean {
  if (text.length > 30 || /[。，；：！？,;:!?]/.test(text) || startsStructure(text)) return false;
  return next !== undefined && next.type === 'line' && next.text.length > text.length && /[。；]/.test(next.text);
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
