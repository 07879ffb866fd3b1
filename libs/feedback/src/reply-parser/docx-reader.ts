import JSZip from 'jszip';
import { elements, first, parseXml, WordNumbering, type XmlElement } from '@zq/drafting/pure';
import type { ReplyBlock } from './blocks';
import { replyError } from './errors';

/*
 * The XML scanner and Word's automatic numbering are the draft importer's (libs/drafting
 * word-xml.ts, one reader for both: feedback sits above drafting in the layers). What stays here
 * is what a reply letter needs beyond a draft: tabs kept as tabs, ticked boxes, line breaks.
 */
function tagOf(node: XmlElement | undefined): string {
  return node?.tag ?? '';
}

function kids(node: XmlElement | undefined): XmlElement[] {
  return elements(node);
}

function attr(node: XmlElement | undefined, name: string): string | undefined {
  return node?.attrs[name];
}

function child(node: XmlElement | undefined, tag: string): XmlElement | undefined {
  return first(node, tag);
}

/** Wingdings / Wingdings 2 glyphs Word uses for ticked and empty boxes (w:sym). */
const SYMBOLS: Record<string, string> = {
  F0FE: '☑', F0FD: '☒', F078: '☒', F0FB: '☒', F0A8: '☐', F06F: '☐', F0A1: '☐',
  F052: '☑', F053: '☒', F054: '☒', F0A3: '☐', F02A: '☐', F050: '√', F0FC: '√',
};

/**
 * Reads a .docx's body (word/document.xml) in order: paragraphs with Word's automatic numbering
 * shown, tables with merged cells laid out on the grid (gridSpan: text in the first column it
 * covers; vMerge: the text of the cell above repeated), nested tables flattened into their cell,
 * ticked boxes as ☑ / ☒ and empty ones as ☐.
 */
export async function docxBlocks(buffer: Buffer): Promise<{ blocks: ReplyBlock[]; hasImages: boolean }> {
  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(buffer);
  } catch (err) {
    throw replyError('REPLY_CORRUPT', { reason: String(err?.message ?? err) });
  }
  const main = zip.file('word/document.xml');
  if (!main) throw replyError('REPLY_CORRUPT', { reason: 'word/document.xml missing' });
  let doc: XmlElement;
  let numbering: XmlElement | null = null;
  try {
    doc = parseXml(await main.async('string'));
    const numXml = zip.file('word/numbering.xml');
    if (numXml) numbering = parseXml(await numXml.async('string'));
  } catch (err) {
    throw replyError('REPLY_CORRUPT', { reason: String(err?.message ?? err) });
  }
  const hasImages = Object.keys(zip.files).some((name) => name.startsWith('word/media/'));
  const bodyNode = child(child(doc, 'w:document'), 'w:body');
  if (!bodyNode) throw replyError('REPLY_CORRUPT', { reason: 'no w:body' });
  const reader = new BodyReader(new WordNumbering(numbering));
  reader.container(kids(bodyNode));
  return { blocks: reader.blocks, hasImages };
}

class BodyReader {
  readonly blocks: ReplyBlock[] = [];

  constructor(private readonly numbering: WordNumbering) {}

  container(nodes: XmlElement[]): void {
    for (const n of nodes) {
      const tag = tagOf(n);
      if (tag === 'w:p') this.blocks.push({ type: 'line', text: this.paragraph(n) });
      else if (tag === 'w:tbl') this.blocks.push({ type: 'table', rows: this.table(n) });
      else if (tag === 'w:sdt') this.container(kids(child(n, 'w:sdtContent')));
      else if (tag === 'w:customXml' || tag === 'w:ins') this.container(kids(n));
    }
  }

  paragraph(p: XmlElement): string {
    let out = '';
    const numPr = child(child(p, 'w:pPr'), 'w:numPr');
    if (numPr) {
      const numId = attr(child(numPr, 'w:numId'), 'w:val');
      const ilvl = Number(attr(child(numPr, 'w:ilvl'), 'w:val') ?? '0');
      if (numId) out += this.numbering.next(numId, ilvl);
    }
    return out + this.runs(kids(p));
  }

  /** The text of runs, hyperlinks, insertions, fields and content controls (not deleted text). */
  runs(nodes: (XmlElement | string)[]): string {
    let out = '';
    for (const n of nodes) {
      if (typeof n === 'string') continue;
      const tag = tagOf(n);
      switch (tag) {
        case 'w:t':
          out += n.children.filter((k): k is string => typeof k === 'string').join('');
          break;
        case 'w:tab':
          out += '\t';
          break;
        case 'w:br':
        case 'w:cr':
          out += '\n';
          break;
        case 'w:sym': {
          const code = (attr(n, 'w:char') ?? '').toUpperCase().padStart(4, '0');
          out += SYMBOLS[code] ?? '';
          break;
        }
        case 'w:checkBox': {
          const checked = child(n, 'w:checked') ?? child(n, 'w:default');
          out += checked && attr(checked, 'w:val') !== '0' && attr(checked, 'w:val') !== 'false' ? '☑' : '☐';
          break;
        }
        case 'w:del':
        case 'w:delText':
        case 'w:pPr':
        case 'w:rPr':
        case 'w:instrText':
          break;
        case 'w:sdt':
          out += this.runs(kids(child(n, 'w:sdtContent')));
          break;
        case 'w:p':
          out += (out ? '\n' : '') + this.paragraph(n);
          break;
        case 'w:tbl':
          out += (out ? '\n' : '') + this.table(n).map((r) => r.filter(Boolean).join(' ')).join('\n');
          break;
        default:
          // w:r, w:hyperlink, w:ins, w:smartTag, w:fldSimple, w:fldChar > w:ffData, w:customXml …
          if (tag.startsWith('w:') || tag.startsWith('w14:')) out += this.runs(n.children);
      }
    }
    return out;
  }

  table(tbl: XmlElement): string[][] {
    const rows: string[][] = [];
    /** per grid column: the text of the vertically merged cell that started above */
    const above: (string | undefined)[] = [];
    for (const tr of kids(tbl).filter((k) => tagOf(k) === 'w:tr')) {
      const row: string[] = [];
      for (const tc of kids(tr).filter((k) => tagOf(k) === 'w:tc' || tagOf(k) === 'w:sdt')) {
        const cell = tagOf(tc) === 'w:sdt' ? child(child(tc, 'w:sdtContent'), 'w:tc') : tc;
        if (!cell) continue;
        const tcPr = child(cell, 'w:tcPr');
        const span = Math.max(1, Number(attr(child(tcPr, 'w:gridSpan'), 'w:val') ?? '1') || 1);
        const vMerge = child(tcPr, 'w:vMerge');
        const col = row.length;
        let text = kids(cell)
          .filter((k) => tagOf(k) === 'w:p' || tagOf(k) === 'w:tbl' || tagOf(k) === 'w:sdt')
          .map((k) => (tagOf(k) === 'w:p' ? this.paragraph(k) : this.runs([k])))
          .join('\n')
          .replace(/^\n+|\n+$/g, '');
        const continues = vMerge !== undefined && (attr(vMerge, 'w:val') ?? 'continue') === 'continue';
        if (continues) text = above[col] ?? '';
        else above[col] = vMerge !== undefined ? text : undefined;
        row.push(text);
        for (let i = 1; i < span; i++) {
          row.push('');
          if (!continues) above[col + i] = undefined;
        }
      }
      rows.push(row);
    }
    return rows;
  }
}
