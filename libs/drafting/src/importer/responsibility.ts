import type { ResponsibleUnit, UnitLookup } from '../clause-tree';
import { NOTE_KEYWORD } from './markers';
import type { WarningLog } from './warning-log';

const OPENING = '（(';
const CLOSING = '）)';
const NOTE_HEAD = new RegExp(`^[（(]?\\s*${NOTE_KEYWORD}\\s*[：:]`);
/** A note is a list of units: anything longer is body text that happens to end in a bracket. */
const NOTE_MAX = 2000;
const BARE_NOTE = new RegExp(`(?:^|[。；;])\\s*(${NOTE_KEYWORD}\\s*[：:](?:[^（()）]|[（(]牵头[）)])*)$`);

/**
 * Cuts a trailing 责任单位 note off a clause's text: "（责任单位：A、B。列第一位的为牵头单位，下同。）",
 * closed by either bracket width, or standing bare after a full stop.
 */
export function splitTrailingNote(text: string): { body: string; note: string | null } {
  let end = text.length;
  while (end > 0 && '。. '.includes(text[end - 1])) end--;
  if (end > 0 && CLOSING.includes(text[end - 1])) {
    const open = matchingOpen(text, end);
    if (open >= 0 && NOTE_HEAD.test(text.slice(open, open + 20))) {
      return { body: text.slice(0, open).trimEnd(), note: text.slice(open).trim() };
    }
  }
  // a cut tail must not let ^ pretend the note starts a paragraph
  const tail = text.length > NOTE_MAX ? `\u0001${text.slice(-NOTE_MAX)}` : text;
  const bare = BARE_NOTE.exec(tail);
  if (bare) {
    const start = text.length - bare[1].length;
    return { body: text.slice(0, start).trimEnd(), note: bare[1].trim() };
  }
  return { body: text, note: null };
}

/** Where the bracket group closing at `end - 1` opens; -1 if it does not within a note's length. */
function matchingOpen(text: string, end: number): number {
  let depth = 0;
  for (let i = end - 1; i >= Math.max(0, end - NOTE_MAX); i--) {
    if (CLOSING.includes(text[i])) depth++;
    else if (OPENING.includes(text[i]) && --depth === 0) return i;
  }
  return -1;
}

/** A paragraph that is only a note, standing after the clause it belongs to. */
export function isStandaloneNote(text: string): boolean {
  return NOTE_HEAD.test(text) && splitTrailingNote(text).body === '';
}

export interface ParsedNote {
  names: { name: string; lead: boolean }[];
  /** the note says 列第一位的为牵头单位 */
  firstIsLead: boolean;
  /** …and 下同: the rule holds for the notes that follow */
  sticky: boolean;
}

const LEAD_RULE = /(?:列|排)(?:在)?第一位?的?(?:为|是)牵头(?:单位|部门)|排名第一的为牵头/;
const SEGMENT = new RegExp(`(${NOTE_KEYWORD})\\s*[：:]`, 'g');

/** Reads the units and the lead rule out of a note. */
export function parseNote(raw: string): ParsedNote {
  let inner = raw.trim();
  if (OPENING.includes(inner[0])) inner = inner.slice(1);
  inner = inner.replace(/[）)]\s*[。.]?\s*$/, '');
  const firstIsLead = LEAD_RULE.test(inner);
  const sticky = firstIsLead && /下同/.test(inner);

  const heads = [...inner.matchAll(SEGMENT)];
  const names: ParsedNote['names'] = [];
  heads.forEach((head, k) => {
    const from = head.index + head[0].length;
    const to = k + 1 < heads.length ? heads[k + 1].index : inner.length;
    // the list ends at the first full stop; what follows is a remark (列第一位的为牵头单位，下同)
    const list = inner.slice(from, to).split('。')[0];
    const leadSegment = head[1].startsWith('牵头');
    for (const piece of splitNames(list)) {
      const lead = leadSegment || /[（(]牵头[）)]$/.test(piece);
      const name = piece.replace(/[（(]牵头[）)]$/, '').replace(/^(?:和|及|以及)/, '').replace(/等$/, '').trim();
      if (name) names.push({ name, lead });
    }
  });
  return { names, firstIsLead, sticky };
}

/** "A、B，各区〔县、市〕人民政府" → the names, not splitting inside brackets. */
function splitNames(list: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < list.length; i++) {
    const ch = list[i];
    if ('（(〔［[【'.includes(ch)) depth++;
    else if ('）)〕］]】'.includes(ch)) depth = Math.max(0, depth - 1);
    else if (depth === 0 && /[、，,；;\s]/.test(ch)) {
      out.push(list.slice(start, i));
      start = i + 1;
    }
  }
  out.push(list.slice(start));
  return out;
}

/**
 * Turns notes into responsible units, in document order: resolves names through the directory,
 * applies 列第一位的为牵头单位 (kept for later notes when it says 下同), warns about unknown names.
 */
export class ResponsibilityReader {
  private stickyFirstIsLead = false;

  constructor(
    private readonly resolver: UnitLookup | undefined,
    private readonly warnings: WarningLog,
  ) {}

  /** A sentence outside any note can state the rule for the whole document. */
  noticeRule(text: string): void {
    if (LEAD_RULE.test(text)) this.stickyFirstIsLead = true;
  }

  read(raw: string, line: number): ResponsibleUnit[] {
    const note = parseNote(raw);
    const firstIsLead = note.firstIsLead || this.stickyFirstIsLead;
    if (note.sticky) this.stickyFirstIsLead = true;
    const explicitLead = note.names.some((n) => n.lead);
    if (note.names.length === 0) {
      this.warnings.add('NOTE_WITHOUT_UNITS', `${this.warnings.at(line)}责任单位说明没有列出单位`, line);
    }
    return note.names.map((n, i) => {
      const unit = this.resolveName(n.name, line);
      return { ...unit, isLead: explicitLead ? n.lead : firstIsLead && i === 0 };
    });
  }

  resolveName(printed: string, line?: number): { name: string; unitId?: string } {
    if (!this.resolver) return { name: printed };
    const r = this.resolver.resolve(printed);
    if (r.status === 'resolved') return r.unit.id ? { name: r.unit.shortName, unitId: r.unit.id } : { name: r.unit.shortName };
    const where = this.warnings.at(line);
    if (r.status === 'ambiguous') {
      const names = r.candidates.map((c) => c.shortName).join('、');
      this.warnings.add('UNIT_AMBIGUOUS', `${where}“${printed}”可能指多个单位（${names}），请人工确认`, line);
    } else {
      this.warnings.add('UNIT_UNKNOWN', `${where}“${printed}”不在单位名录中，请人工确认`, line);
    }
    return { name: printed };
  }
}
