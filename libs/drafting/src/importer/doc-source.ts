import { DraftingErrors } from '../errors';
import { DocNumbering, readDocLists, sameListCopies, type DocParagraphList } from './doc-lists';

/* eslint-disable @typescript-eslint/no-require-imports -- word-extractor ships no types: the parts used here */
interface Piece {
  startCp: number;
  startFilePos: number;
  endFilePos: number;
  bpc: number;
  text: string;
}
interface OleExtractor {
  _pieces: Piece[];
  _boundaries: { ccpText: number };
  _body?: string;
  extract(reader: unknown): Promise<{ getBody(): string; _body: string }>;
  writeParagraphProperties(buffer: Buffer, table: Buffer): void;
  buildDocument(): { _body: string };
}
const WordOleExtractor: new () => OleExtractor = require('word-extractor/lib/word-ole-extractor');
const BufferReader: new (b: Buffer) => { open(): Promise<unknown>; close(): Promise<unknown> } = require('word-extractor/lib/buffer-reader');
const { clean }: { clean(s: string): string } = require('word-extractor/lib/filters');
/* eslint-enable @typescript-eslint/no-require-imports */

/** The text of a .doc and how its automatic numbering fared. */
export interface DocText {
  text: string;
  /** paragraphs given back the number Word showed */
  numbered: number;
  /** the file defines lists but their numbers could not be put back */
  numberingLost: boolean;
}

/** Each paragraph's list (sprmPIlfo) and level (sprmPIlvl), from the PAPX FKPs named by the bin table. */
export function readParagraphLists(buffer: Buffer, table: Buffer): DocParagraphList[] {
  const out: DocParagraphList[] = [];
  const fc = buffer.readUInt32LE(0x0102);
  const lcb = buffer.readUInt32LE(0x0106);
  const count = (lcb - 4) / 8;
  for (let i = 0; i < count; i++) {
    const block = table.readUInt32LE(fc + (count + 1) * 4 + i * 4);
    const fkp = buffer.subarray(block * 512, (block + 1) * 512);
    if (fkp.length < 512) continue;
    const crun = fkp.readUInt8(511);
    for (let j = 0; j < crun; j++) {
      const start = fkp.readUInt32LE(j * 4);
      const at = fkp.readUInt8((crun + 1) * 4 + j * 13) * 2;
      if (at === 0) continue;
      const cb = fkp.readUInt8(at);
      const grpprl = cb !== 0 ? fkp.subarray(at + 1, at + 1 + 2 * cb - 1) : fkp.subarray(at + 2, at + 2 + 2 * fkp.readUInt8(at + 1));
      let ilfo = 0;
      let ilvl = 0;
      // the istd, then sprms: operand sizes by spra (MS-DOC 2.2.5.1)
      for (let p = 2; p + 2 <= grpprl.length; ) {
        const sprm = grpprl.readUInt16LE(p);
        p += 2;
        if (sprm === 0x460b && p + 2 <= grpprl.length) ilfo = grpprl.readInt16LE(p);
        else if (sprm === 0x260a && p + 1 <= grpprl.length) ilvl = grpprl.readUInt8(p);
        const spra = sprm >> 13;
        if (sprm === 0xc615) p += 1 + grpprl.readUInt8(p) * 1; // sprmPChgTabs: its own length rule, small cases
        else if (sprm === 0xd608) p += 1 + grpprl.readUInt16LE(p); // sprmTDefTable
        else p += [1, 1, 2, 4, 2, 2, p < grpprl.length ? 1 + grpprl.readUInt8(p) : 1, 3][spra];
      }
      if (ilfo > 0 && ilfo < 0x07ff) out.push({ fc: start, ilfo, ilvl: ilvl & 0x0f });
    }
  }
  return out;
}

/** word-extractor's reader, made to write Word's list numbers in front of the paragraphs that have them. */
class NumberedDocExtractor extends WordOleExtractor {
  numbered = 0;
  listsDeclared = false;
  private lists: ReturnType<typeof readDocLists> | null = null;
  private paragraphs: DocParagraphList[] = [];

  writeParagraphProperties(buffer: Buffer, table: Buffer): void {
    super.writeParagraphProperties(buffer, table);
    try {
      this.lists = readDocLists(buffer, table);
      this.listsDeclared = this.lists.lists.size > 0;
      this.paragraphs = readParagraphLists(buffer, table);
    } catch {
      this.lists = null; // a list table we cannot read: the text without numbers, and a warning
    }
  }

  buildDocument(): { _body: string } {
    const doc = super.buildDocument();
    if (!this.lists || this.paragraphs.length === 0) return doc;
    try {
      this.putNumbersBack(doc);
    } catch {
      this.numbered = 0; // list data that does not add up: the text as word-extractor reads it, and the warning
    }
    return doc;
  }

  private putNumbersBack(doc: { _body: string }): void {
    if (!this.lists) return;
    const raw = this._pieces.map((p) => p.text).join('').slice(0, this._boundaries.ccpText);
    const cpOf = (fc: number): number | undefined => {
      const piece = this._pieces.find((p) => fc >= p.startFilePos && fc < p.endFilePos);
      return piece ? piece.startCp + (fc - piece.startFilePos) / piece.bpc : undefined;
    };
    const inserts: { cp: number; label: string }[] = [];
    const starts = this.paragraphs
      .map((p) => ({ ...p, cp: cpOf(p.fc) }))
      .filter((p): p is DocParagraphList & { cp: number } => p.cp !== undefined && p.cp < raw.length && (p.cp === 0 || /[\r\x07\n\f]/.test(raw[p.cp - 1])))
      .sort((a, b) => a.cp - b.cp);
    const numbering = new DocNumbering(this.lists, sameListCopies(this.lists, starts));
    for (const p of starts) {
      const label = numbering.label(p.ilfo, p.ilvl);
      if (label) inserts.push({ cp: p.cp, label });
    }
    if (!inserts.length) return;
    let text = '';
    let from = 0;
    for (const ins of inserts) {
      text += raw.slice(from, ins.cp) + ins.label;
      from = ins.cp;
    }
    text += raw.slice(from);
    doc._body = clean(text);
    this.numbered = inserts.length;
  }
}

/**
 * Text of a legacy Word 97–2003 .doc (word-extractor): paragraphs one a line, table cells split by
 * tabs, and the numbers of Word's automatic lists put back in front of their paragraphs (doc-lists.ts).
 */
export async function docToText(buffer: Buffer): Promise<DocText> {
  const reader = new BufferReader(buffer);
  const extractor = new NumberedDocExtractor();
  try {
    await reader.open();
    const doc = await extractor.extract(reader);
    // word-extractor ends a table cell with \t and a row with \t\n
    const text = doc.getBody().replace(/\t\n/g, '\n');
    return { text, numbered: extractor.numbered, numberingLost: extractor.listsDeclared && extractor.numbered === 0 };
  } catch (err) {
    const message = String((err as Error)?.message ?? err);
    if (/encrypt|password/i.test(message)) throw DraftingErrors.importWordEncrypted({});
    throw DraftingErrors.importBadDoc({ reason: message });
  } finally {
    await reader.close().catch(() => undefined);
  }
}
