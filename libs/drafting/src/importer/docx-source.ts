import mammoth from 'mammoth';
import type { SourceBlock } from './blocks';
import { importError } from './errors';

export const MAX_DOCX_BYTES = 50 * 1024 * 1024;

/** Reads a .docx into the same lines and tables a text file gives (mammoth → HTML → blocks). */
export async function docxToBlocks(buffer: Buffer): Promise<SourceBlock[]> {
  if (buffer.length > MAX_DOCX_BYTES) throw importError('IMPORT_TOO_LARGE', '文件过大（超过50MB），请确认是否为征求意见稿');
  let html: string;
  try {
    html = (await mammoth.convertToHtml({ buffer }, { ignoreEmptyParagraphs: true })).value;
  } catch (err) {
    throw importError('IMPORT_BAD_DOCX', '无法读取该 Word 文件，请确认是 .docx 格式且未损坏', { reason: String(err?.message ?? err) });
  }
  return htmlToBlocks(html);
}

const BLOCK_TAGS = new Set(['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'li']);
const TOKEN = /<(\/?)([a-zA-Z][a-zA-Z0-9]*)[^>]*>|([^<]+)/g;

/**
 * Mammoth's HTML is flat and well formed: paragraphs, headings, list items and tables. Each
 * paragraph (and each <br> inside one) becomes a line numbered by paragraph; table cells keep
 * their text, nested tables flattened into their cell.
 */
export function htmlToBlocks(html: string): SourceBlock[] {
  const blocks: SourceBlock[] = [];
  let paragraph = 0;
  let text: string[] = [];
  let tableDepth = 0;
  let rows: string[][] = [];
  let row: string[] | null = null;
  let cell: string[] | null = null;

  const flushParagraph = () => {
    if (text.length === 0) return;
    paragraph++;
    for (const part of text.join('').split('\n')) blocks.push({ type: 'line', text: part, line: paragraph });
    text = [];
  };

  for (const m of html.matchAll(TOKEN)) {
    const [, closing, rawTag, content] = m;
    if (content !== undefined) {
      (cell ?? text).push(decodeEntities(content));
      continue;
    }
    const tag = rawTag.toLowerCase();
    if (tag === 'br') {
      (cell ?? text).push(cell ? '' : '\n');
    } else if (tag === 'table') {
      if (!closing && tableDepth++ === 0) {
        flushParagraph();
        rows = [];
      } else if (closing && --tableDepth === 0) {
        paragraph++;
        if (rows.length > 0) blocks.push({ type: 'table', rows, line: paragraph, rowLines: rows.map(() => paragraph) });
        row = null;
        cell = null;
      }
      tableDepth = Math.max(tableDepth, 0);
    } else if (tableDepth === 1 && tag === 'tr') {
      if (!closing) row = [];
      else if (row) {
        rows.push(row);
        row = null;
      }
    } else if (tableDepth === 1 && (tag === 'td' || tag === 'th')) {
      if (!closing) cell = [];
      else if (cell) {
        (row ?? (row = [])).push(cell.join(''));
        cell = null;
      }
    } else if (tableDepth === 0 && BLOCK_TAGS.has(tag) && closing) {
      flushParagraph();
    }
  }
  flushParagraph();
  return blocks;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00A0' };

function decodeEntities(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-zA-Z]+);/g, (whole, name: string) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[name] ?? whole;
  });
}
