// the pure part of drafting only (no entities, no Nest)
import { parseChineseNumeral } from '@zq/drafting/pure';
import type { ItemKind } from '../entities/feedback.entity';
import type { ReplyBlock } from './blocks';
import { ClauseIndex, parseRef, refSpan, resolveRef, type ReplyClauseNode } from './clause-refs';
import { readComment, splitNumbered } from './comment-text';
import { replyError } from './errors';
import { isSignoffCell, noCommentSigns, readSignoff, saysNoOtherComments, statesCityApproval, type SignoffFields } from './fields';
import { readReply, type ReplyFormat } from './read-reply';

/** One comment read from a reply, resolved against the round's version (DESIGN.md's parse-reply shape). */
export interface ParsedReplyItem {
  /** the table's data row (1-based, across all tables), or the letter's numbered paragraph */
  row: number;
  clauseLabel: string;
  /** labels from the top of the tree: ["二、", "（三）", "9."]; [] for a comment on the whole text */
  clausePath: string[];
  quote?: string;
  kind: ItemKind;
  proposal: string;
  reason: string;
  resolved: boolean;
  why?: string;
  /** the clause's id when the tree came from the database */
  clauseId?: string | null;
  /** the row or paragraph as written, for the reviewer */
  source?: string;
}

export interface ParsedReply extends SignoffFields {
  noComment: boolean;
  items: ParsedReplyItem[];
  statesCityApproval: boolean;
  format: ReplyFormat;
}

type Role = 'seq' | 'clause' | 'quote' | 'proposal' | 'comment' | 'reason' | 'kind';

/** Which column a header cell names, whatever the order and wording (章节条款/页码, 意见建议, 修改理由 …). */
export function columnRole(cell: string): Role | null {
  const c = cell.normalize('NFKC').replace(/[\s*＊]/g, '');
  if (!c || c.length > 24) return null;
  if (/^(?:序号|编号|序|No\.?|#)$/i.test(c)) return 'seq';
  if (/理由|依据|原因/.test(c) && !/意见|建议/.test(c)) return 'reason';
  if (/说明/.test(c) && !/意见|建议|条款|章节/.test(c)) return 'reason';
  if (/原文|原稿|原表述|原条文|原内容|征求意见稿内容|现表述|现行表述|条款内容/.test(c) && !/位置|页码|序号/.test(c)) return 'quote';
  if (/建议修改为|修改为|修改后|建议表述|建议条文|修改稿|建议稿|建议内容/.test(c)) return 'proposal';
  if (/意见|建议/.test(c)) return 'comment';
  if (/章节|条款|条目|页码|位置|部分|所在|涉及|条文|段落|款项/.test(c)) return 'clause';
  if (/类型|类别|方式/.test(c)) return 'kind';
  return null;
}

type Columns = Partial<Record<Role, number>>;

function headerOf(row: string[]): Columns | null {
  const cols: Columns = {};
  row.forEach((cell, i) => {
    const role = columnRole(cell);
    if (role && cols[role] === undefined) cols[role] = i;
  });
  const content = cols.comment !== undefined || cols.proposal !== undefined;
  const where = cols.clause !== undefined || cols.quote !== undefined || cols.seq !== undefined;
  return content && where ? cols : null;
}

const KIND_WORDS: [RegExp, ItemKind][] = [
  [/删/, 'delete'],
  [/增|新|补/, 'add'],
  [/改|修/, 'modify'],
];

const SIGNOFF_ROW = /签发|联系人|联系电话|填表人|经办人|填报日期|(?<!\p{Script=Han})日期|盖章|(?:无|没有)(?:修改)?意见/u;
const NOTHING = /^(?:无|没有|\/|—+|-+|无意见|暂无|暂无意见|无修改意见)$/u;

interface Draft {
  row: number;
  ref: string;
  quote: string;
  comment: string;
  proposal: string;
  reason: string;
  kindWord: string;
  source: string;
}

/**
 * Reads a filled 反馈意见表 (any column order and wording, merged cells, several tables) or a
 * reply letter of numbered paragraphs into items resolved against the version's clause tree, with
 * 无意见, 签发人/联系人/电话/日期 and 经市政府同意. Throws REPLY_* DomainErrors only.
 */
export async function parseReply(buffer: Buffer, tree: ReplyClauseNode[]): Promise<ParsedReply> {
  const { format, blocks } = await readReply(buffer);
  return { ...interpretReply(blocks, tree), format };
}

export function interpretReply(blocks: ReplyBlock[], tree: ReplyClauseNode[]): Omit<ParsedReply, 'format'> {
  const index = new ClauseIndex(tree);
  const lines: string[] = [];
  const drafts: Draft[] = [];
  let recognised = false;
  let unrecognisedTable = false;
  let previous: { cols: Columns; width: number } | null = null;
  let row = 0;

  for (const block of blocks) {
    if (block.type === 'line') {
      lines.push(...block.text.split('\n'));
      continue;
    }
    let cols: Columns | null = null;
    let start = 0;
    for (let r = 0; r < Math.min(block.rows.length, 12); r++) {
      cols = headerOf(block.rows[r]);
      if (cols) {
        start = r + 1;
        break;
      }
    }
    if (!cols && previous && block.rows[0]?.length === previous.width) cols = previous.cols; // the table goes on after a page break
    if (!cols) {
      if (block.rows.length > 1 && Math.max(...block.rows.map((r) => r.filter((c) => c.trim()).length)) > 1) unrecognisedTable = true;
      for (const r of block.rows) lines.push(uniqueCells(r).join(' '));
      continue;
    }
    recognised = true;
    previous = { cols, width: block.rows[start - 1]?.length ?? block.rows[0].length };
    for (const r of block.rows.slice(0, start)) lines.push(uniqueCells(r).join(' '));
    const get = (cells: string[], role: Role) => (cols![role] !== undefined ? (cells[cols![role]!] ?? '').trim() : '');
    for (const cells of block.rows.slice(start)) {
      const d = {
        ref: get(cells, 'clause'),
        quote: get(cells, 'quote'),
        comment: get(cells, 'comment'),
        proposal: get(cells, 'proposal'),
        reason: get(cells, 'reason'),
        kindWord: get(cells, 'kind'),
      };
      const filled = [d.ref, d.quote, d.comment, d.proposal, d.reason].filter(Boolean);
      const joined = uniqueCells(cells).join(' ');
      if (cells.some(isSignoffCell)) {
        lines.push(joined);
        continue;
      }
      if (!filled.length) {
        if (joined) lines.push(joined);
        continue;
      }
      if (!d.comment && !d.proposal && !d.quote && (SIGNOFF_ROW.test(joined) || !d.reason)) {
        lines.push(joined);
        continue;
      }
      if ((NOTHING.test(d.comment) || !d.comment) && !d.proposal && !d.quote && !d.reason) {
        lines.push(joined);
        continue;
      }
      if (SIGNOFF_ROW.test(joined) && /[：:]/.test(joined) && !d.quote && !d.proposal && /签发|联系|电话|日期/.test(d.comment)) {
        lines.push(joined);
        continue;
      }
      drafts.push({ row: ++row, ...d, source: joined });
    }
  }

  const items: ParsedReplyItem[] = [];
  for (const d of drafts) items.push(...tableItems(index, d));
  if (!recognised) items.push(...letterItems(index, lines));

  const signs = noCommentSigns(lines);
  const noComment = signs.ticked || (items.length === 0 && (signs.says || saysNoOtherComments(lines)));
  if (!items.length && !noComment) {
    if (!recognised && unrecognisedTable) throw replyError('REPLY_NO_COLUMNS');
    throw replyError('REPLY_EMPTY', { recognisedTable: recognised });
  }
  const signoff = readSignoff(lines);
  return { noComment, items, ...signoff, statesCityApproval: statesCityApproval(lines) };
}

/** A merged cell's text repeated across the columns it spans is read once. */
function uniqueCells(cells: string[]): string[] {
  const out: string[] = [];
  for (const c of cells.map((x) => x.trim()).filter(Boolean)) if (out[out.length - 1] !== c) out.push(c);
  return out;
}

function tableItems(index: ClauseIndex, d: Draft): ParsedReplyItem[] {
  const split = splitNumbered(d.comment);
  const quotes = splitNumbered(d.quote);
  const several = split.parts.length > 1 && !d.proposal;
  const parts = several ? split.parts : [d.comment];
  return parts.map((comment, i) => {
    const ownQuote = several && quotes.parts.length === parts.length ? quotes.parts[i] : d.quote;
    // a numbered comment may name its own clause (1. 第9条… 2. 第12条…); else the row's 条款 applies
    const own = several ? leadingRef(index, comment) : null;
    const ref = own?.ref ? (d.ref ? `${d.ref} ${own.ref}` : own.ref) : d.ref || (several ? split.lead : '');
    const body = own?.ref ? own.body : comment;
    return toItem(index, d.row, ref, body, { quote: ownQuote, proposal: d.proposal, reason: d.reason }, d.kindWord, d.source);
  });
}

function toItem(
  index: ClauseIndex,
  row: number,
  ref: string,
  comment: string,
  columns: { quote: string; proposal: string; reason: string },
  kindWord: string,
  source: string,
): ParsedReplyItem {
  const parts = readComment(comment, columns);
  const kind = KIND_WORDS.find(([re]) => re.test(kindWord))?.[1] ?? parts.kind;
  const resolution = resolveRef(index, ref, parts.quote);
  return {
    row,
    clauseLabel: resolution.label,
    clausePath: resolution.path,
    ...(parts.quote ? { quote: parts.quote } : {}),
    kind,
    proposal: parts.proposal,
    reason: parts.reason,
    resolved: resolution.resolved,
    ...(resolution.why ? { why: resolution.why } : {}),
    clauseId: resolution.clause?.id ?? null,
    source,
  };
}

/** The clause a paragraph starts by naming (关于第十二条，… / 第3页第（二）项：… / 建议将第9条中…). */
function leadingRef(index: ClauseIndex, text: string): { ref: string; body: string } | null {
  const prefix = text.split(/[“"「『]/u)[0].slice(0, 60);
  const span = refSpan(prefix);
  if (span) {
    const ref = text.slice(0, span.end);
    // 关于第十二条，建议… : the rest is the comment; 建议将第9条中的表述… : the whole sentence is
    const atStart = /^\s*(?:关于|对|针对|在)?\s*(?:《[^》]*》)?\s*$/u.test(text.slice(0, span.start));
    return { ref, body: atStart ? text.slice(span.end).replace(/^[\s，,：:。；;的中之]+/u, '') : text };
  }
  const head = /^(.{1,40}?)[，,：:。；;]\s*/su.exec(text);
  if (head && headingNamed(index, head[1])) return { ref: head[1], body: text.slice(head[0].length) };
  return null;
}

function headingNamed(index: ClauseIndex, text: string): boolean {
  const name = text.replace(/^(?:关于|对|针对)/u, '').replace(/(?:部分|一节|一条|条款)$/u, '').replace(/[“”"「」『』]/g, '');
  return index.byHeading(name).length === 1;
}

const MARKERS: { style: string; re: RegExp }[] = [
  { style: 'cn-dun', re: /^([一二三四五六七八九十]{1,3})\s*[、.．]\s*/u },
  { style: 'cn-paren', re: /^[（(]\s*([一二三四五六七八九十]{1,3})\s*[）)]\s*/u },
  { style: 'ar-dot', re: /^(\d{1,2})\s*[.、．](?!\d)\s*/u },
  { style: 'ar-paren', re: /^[（(]\s*(\d{1,2})\s*[）)]\s*/u },
  { style: 'cn-shi', re: /^([一二三四五六七八九十])是\s*/u },
  { style: 'di-cn', re: /^第([一二三四五六七八九十]{1,3})[，,、]\s*/u },
];

const START = /意见如下|如下意见|以下意见|反馈如下|建议如下|提出如下|具体如下|意见建议如下|修改意见[：:]$|主要意见[：:]?$|具体意见[：:]?$/u;
const STOP = /^(?:特此|此复|专此|以上意见|以上建议|联系人|签发人|附件[：:]|[（(]?联系人)/u;

/** A reply letter: its numbered paragraphs are the items; a numbered heading (一、关于第二部分) gives its sub-paragraphs their clause. */
function letterItems(index: ClauseIndex, lines: string[]): ParsedReplyItem[] {
  const text = lines.map((l) => l.trim()).filter(Boolean);
  const startAt = text.findIndex((l) => START.test(l));
  let body = startAt >= 0 ? text.slice(startAt + 1) : text;
  const stop = body.findIndex((l) => STOP.test(l));
  if (stop >= 0) body = body.slice(0, stop);
  if (startAt >= 0) {
    // "…提出如下意见：建议将第9条…" on the same line as the lead-in
    const tail = text[startAt].split(/如下[：:]?|[：:]/u).slice(1).join('：').trim();
    if (tail) body.unshift(tail);
  }

  type Entry = { text: string; children: string[] };
  const entries: Entry[] = [];
  let level1: string | null = null;
  let level2: string | null = null;
  const counters: Record<string, number> = {};
  for (const line of body) {
    const mark = MARKERS.map((m) => ({ m, x: m.re.exec(line) })).find((r) => r.x);
    const n = mark ? numberOf(mark.x![1]) : 0;
    if (mark && n) {
      const style = mark.m.style;
      const rest = line.slice(mark.x![0].length);
      if (level1 === null || style === level1) {
        if (level1 === null || n === (counters[style] ?? 0) + 1) {
          level1 = style;
          counters[style] = n;
          counters[level2 ?? ''] = 0;
          entries.push({ text: rest, children: [] });
          continue;
        }
      } else if ((level2 === null || style === level2) && entries.length && n === (counters[style] ?? 0) + 1) {
        level2 = style;
        counters[style] = n;
        entries[entries.length - 1].children.push(rest);
        continue;
      }
    }
    const last = entries[entries.length - 1];
    if (!last) continue;
    if (last.children.length) last.children[last.children.length - 1] += line;
    else last.text += line;
  }

  const items: ParsedReplyItem[] = [];
  let row = 0;
  if (!entries.length) {
    // no numbering: a paragraph that makes a suggestion is an item
    for (const para of startAt >= 0 ? body : body.filter((l) => /建议|修改为|删除|增加/.test(l) && parseRef(l.split(/[“"「]/u)[0]).tokens.length)) {
      const ref = leadingRef(index, para);
      items.push(toItem(index, ++row, ref?.ref ?? '', ref?.body ?? para, { quote: '', proposal: '', reason: '' }, '', para));
    }
    return items;
  }
  for (const e of entries) {
    const head = leadingRef(index, e.text);
    if (!e.children.length) {
      items.push(toItem(index, ++row, head?.ref ?? '', head?.body ?? e.text, { quote: '', proposal: '', reason: '' }, '', e.text));
      continue;
    }
    const context = head?.ref ?? e.text.replace(/[：:。]$/u, '');
    for (const c of e.children) {
      const own = leadingRef(index, c);
      const contextual = parseRef(context).tokens.length > 0 || headingNamed(index, context);
      const ref = own?.ref ? `${contextual ? context : ''} ${own.ref}`.trim() : contextual ? context : '';
      items.push(toItem(index, ++row, ref, own?.ref ? own.body : c, { quote: '', proposal: '', reason: '' }, '', c));
    }
  }
  return items;
}

function numberOf(s: string): number {
  return /^\d+$/.test(s) ? Number(s) : (parseChineseNumeral(s) ?? 0);
}
