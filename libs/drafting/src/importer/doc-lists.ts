import { formatNumber } from './word-xml';

/**
 * Word's automatic numbering in a legacy Word 97–2003 .doc. word-extractor gives the text only:
 * 一、 （一） 1. that Word typed are lost. They are in the binary: the list definitions (PlfLst: one
 * LSTF per list, then its LVLs — start, number format, level text with placeholders), the list
 * overrides (PlfLfo: a paragraph names one with sprmPIlfo, its level with sprmPIlvl) and each
 * paragraph's properties (PAPX in the FKPs). This reads those and writes each numbered paragraph's
 * label in front of its text, counting as Word does (a level counts up, deeper levels start again,
 * an override with a start restarts the list where it is first used).
 *
 * Not read: numbering that a paragraph takes only from its style (the style sheet's UPX), and
 * pre-Word 97 "autonumber" fields (ANLD). When a .doc has list definitions but no paragraph
 * says which list it is in, the caller warns that numbers may be missing.
 */

/** List-level number formats (nfc, MS-DOC 2.9.173 / ST_NumberFormat order) as numFmt names. */
const NFC: Record<number, string> = {
  0: 'decimal', 1: 'upperRoman', 2: 'lowerRoman', 3: 'upperLetter', 4: 'lowerLetter', 10: 'ideographDigital', 11: 'japaneseCounting',
  14: 'decimalFullWidth', 18: 'decimalEnclosedCircle', 19: 'decimalFullWidth2', 22: 'decimalZero', 23: 'bullet', 27: 'decimalEnclosedParen',
  28: 'decimalEnclosedCircleChinese', 30: 'ideographTraditional', 31: 'ideographZodiac', 33: 'taiwaneseCounting', 35: 'taiwaneseCountingThousand',
  37: 'chineseCounting', 38: 'chineseLegalSimplified', 39: 'chineseCountingThousand', 255: 'none',
};

interface DocLevel {
  start: number;
  fmt: string;
  /** the level text: placeholders are chars 0–8 (the level whose number goes there) */
  text: string;
}

interface DocList {
  lsid: number;
  levels: DocLevel[];
}

interface Override {
  lsid: number;
  /** per level: a start that restarts the list, a level format that replaces the list's */
  levels: Map<number, { start?: number; level?: DocLevel }>;
}

/** One paragraph's numbering as its PAPX gives it: the file position it starts at, ilfo (1-based, 0 none) and level. */
export interface DocParagraphList {
  fc: number;
  ilfo: number;
  ilvl: number;
}

/** Reads one LVL at `at`; returns it and where the next begins. */
function readLevel(table: Buffer, at: number): { level: DocLevel; next: number } {
  const start = table.readInt32LE(at);
  const nfc = table.readUInt8(at + 4);
  const cbChpx = table.readUInt8(at + 24);
  const cbPapx = table.readUInt8(at + 25);
  let p = at + 28 + cbPapx + cbChpx;
  const cch = table.readUInt16LE(p);
  p += 2;
  const chars: string[] = [];
  for (let i = 0; i < cch; i++) chars.push(String.fromCharCode(table.readUInt16LE(p + i * 2)));
  p += cch * 2;
  return { level: { start, fmt: NFC[nfc] ?? 'decimal', text: chars.join('') }, next: p };
}

/** The list definitions and overrides from the table stream (FIB: fcPlfLst 0x02E2, fcPlfLfo 0x02EA). */
export function readDocLists(wordDocument: Buffer, table: Buffer): { lists: Map<number, DocList>; overrides: Override[] } {
  const lists = new Map<number, DocList>();
  const overrides: Override[] = [];
  const fcLst = wordDocument.readUInt32LE(0x02e2);
  const lcbLst = wordDocument.readUInt32LE(0x02e6);
  const fcLfo = wordDocument.readUInt32LE(0x02ea);
  const lcbLfo = wordDocument.readUInt32LE(0x02ee);
  if (lcbLst >= 2 && fcLst + lcbLst <= table.length) {
    const count = table.readInt16LE(fcLst);
    const defs: { lsid: number; simple: boolean }[] = [];
    for (let i = 0; i < count && fcLst + 2 + (i + 1) * 28 <= table.length; i++) {
      const at = fcLst + 2 + i * 28;
      defs.push({ lsid: table.readInt32LE(at), simple: (table.readUInt8(at + 26) & 1) === 1 });
    }
    // the LVLs follow the LSTFs: nine per list, one for a simple list
    let p = fcLst + 2 + count * 28;
    for (const d of defs) {
      const levels: DocLevel[] = [];
      for (let l = 0; l < (d.simple ? 1 : 9); l++) {
        const { level, next } = readLevel(table, p);
        levels.push(level);
        p = next;
      }
      lists.set(d.lsid, { lsid: d.lsid, levels });
    }
  }
  if (lcbLfo >= 4 && fcLfo + lcbLfo <= table.length) {
    const count = table.readInt32LE(fcLfo);
    const lfos: { lsid: number; clfolvl: number }[] = [];
    for (let i = 0; i < count; i++) {
      const at = fcLfo + 4 + i * 16;
      lfos.push({ lsid: table.readInt32LE(at), clfolvl: table.readUInt8(at + 12) });
    }
    // then an LFOData per LFO: a cp, and its clfolvl LFOLVLs (each with a LVL when it replaces the format)
    let p = fcLfo + 4 + count * 16;
    for (const lfo of lfos) {
      const levels = new Map<number, { start?: number; level?: DocLevel }>();
      p += 4;
      for (let k = 0; k < lfo.clfolvl; k++) {
        const start = table.readInt32LE(p);
        const flags = table.readUInt32LE(p + 4);
        p += 8;
        const o: { start?: number; level?: DocLevel } = (flags & 0x10) !== 0 ? { start } : {};
        if ((flags & 0x20) !== 0) {
          const { level, next } = readLevel(table, p);
          o.level = level;
          p = next;
        }
        levels.set(flags & 0x0f, o);
      }
      overrides.push({ lsid: lfo.lsid, levels });
    }
  }
  return { lists, overrides };
}

/** Counts through the numbered paragraphs in order and gives each its label as Word shows it. */
export class DocNumbering {
  private readonly counters = new Map<number, (number | undefined)[]>();
  private readonly restarted = new Set<number>();

  constructor(
    private readonly defs: { lists: Map<number, DocList>; overrides: Override[] },
    /** lists that count on with another (see sameListCopies) */
    private readonly alias = new Map<number, number>(),
  ) {}

  label(ilfo: number, ilvl: number): string {
    if (ilfo <= 0 || ilfo > this.defs.overrides.length) return '';
    const lfo = this.defs.overrides[ilfo - 1];
    const own = this.defs.lists.get(lfo.lsid);
    if (!own) return '';
    const list = this.defs.lists.get(this.alias.get(lfo.lsid) ?? lfo.lsid) ?? own;
    const lvl = Math.min(ilvl, list.levels.length - 1);
    const format = (l: number): DocLevel | undefined => lfo.levels.get(l)?.level ?? list.levels[l];
    const f = format(lvl);
    if (!f) return '';
    const counters = this.counters.get(list.lsid) ?? [];
    if (!this.restarted.has(ilfo)) {
      this.restarted.add(ilfo);
      for (const [l, o] of lfo.levels) if (o.start !== undefined) counters[l] = o.start - 1;
    }
    counters[lvl] = (counters[lvl] ?? f.start - 1) + 1;
    for (let deeper = lvl + 1; deeper < counters.length; deeper++) counters[deeper] = undefined;
    this.counters.set(list.lsid, counters);
    if (f.fmt === 'bullet' || f.fmt === 'none') return '';
    let out = '';
    for (const ch of f.text) {
      const code = ch.charCodeAt(0);
      if (code <= 8) {
        const lf = format(code);
        out += formatNumber(counters[code] ?? lf?.start ?? 1, code === lvl ? f.fmt : (lf?.fmt ?? 'decimal'));
      } else out += ch;
    }
    return out;
  }
}

/**
 * LibreOffice writes the first paragraph of a list into a list of its own, a copy of the list the
 * paragraphs after it use (一、总体要求 in list 5, 二、重点任务 on in list 1): read as two lists, the
 * second would start again at 一. A list used by one paragraph only, whose definition is the same
 * as the list the next numbered paragraphs take up, counts on with that list.
 */
export function sameListCopies(defs: { lists: Map<number, DocList>; overrides: Override[] }, paragraphs: { ilfo: number }[]): Map<number, number> {
  const lsidOf = (ilfo: number) => defs.overrides[ilfo - 1]?.lsid;
  const key = (lsid: number | undefined) => (lsid === undefined ? '' : JSON.stringify(defs.lists.get(lsid)?.levels ?? null));
  const uses = new Map<number, number>();
  const firstUse = new Map<number, number>();
  paragraphs.forEach((p, i) => {
    const lsid = lsidOf(p.ilfo);
    if (lsid === undefined) return;
    uses.set(lsid, (uses.get(lsid) ?? 0) + 1);
    if (!firstUse.has(lsid)) firstUse.set(lsid, i);
  });
  const alias = new Map<number, number>();
  for (const [lsid, n] of uses) {
    if (n !== 1) continue;
    const at = firstUse.get(lsid)!;
    const next = paragraphs.slice(at + 1).map((p) => lsidOf(p.ilfo)).find((other) => other !== undefined && other !== lsid && key(other) === key(lsid));
    if (next !== undefined && firstUse.get(next)! > at) alias.set(lsid, next);
  }
  return alias;
}
