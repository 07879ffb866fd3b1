import JSZip from 'jszip';
// the pure part of drafting only (no entities, no Nest): the reply parser runs in the CLI without a database
import { decodeText, pdfToText } from '@zq/drafting/pure';
import type { ReplyBlock } from './blocks';
import { docxBlocks } from './docx-reader';
import { replyError } from './errors';
import { xlsxBlocks } from './xlsx-reader';

export const MAX_REPLY_BYTES = 20 * 1024 * 1024;

export type ReplyFormat = 'docx' | 'xlsx' | 'txt' | 'pdf';

export interface ReadReply {
  format: ReplyFormat;
  blocks: ReplyBlock[];
}

const OLE = Buffer.from('d0cf11e0a1b11ae1', 'hex');

/** Which kind of file this is, by its bytes (the name is not trusted). */
export async function sniffReply(buffer: Buffer): Promise<ReplyFormat | 'doc' | 'image' | 'encrypted' | 'ole' | 'zip'> {
  if (buffer.subarray(0, 8).equals(OLE)) {
    // a password-protected .docx/.xlsx is an OLE container holding EncryptionInfo + EncryptedPackage
    if (buffer.includes(Buffer.from('EncryptionInfo', 'utf16le')) || buffer.includes(Buffer.from('EncryptedPackage', 'utf16le'))) return 'encrypted';
    if (buffer.includes(Buffer.from('WordDocument', 'utf16le'))) return 'doc';
    return 'ole';
  }
  if (buffer.subarray(0, 5).toString('latin1') === '%PDF-') return 'pdf';
  if (buffer.subarray(0, 3).equals(Buffer.from([0xff, 0xd8, 0xff]))) return 'image';
  if (buffer.subarray(0, 8).equals(Buffer.from('89504e470d0a1a0a', 'hex'))) return 'image';
  if (/^(GIF8|II\*\0|MM\0\*|BM)/.test(buffer.subarray(0, 4).toString('latin1'))) return 'image';
  if (buffer.length >= 4 && buffer.readUInt32LE(0) === 0x04034b50) {
    try {
      const zip = await JSZip.loadAsync(buffer);
      if (zip.file('word/document.xml')) return 'docx';
      if (zip.file('xl/workbook.xml')) return 'xlsx';
    } catch {
      throw replyError('REPLY_CORRUPT', { reason: 'zip' });
    }
    return 'zip';
  }
  return 'txt';
}

/**
 * Reads a reply file — .docx, .xlsx, text PDF or plain text, recognised by content — into
 * lines and tables. Throws REPLY_* DomainErrors for files that cannot be read as text.
 */
export async function readReply(buffer: Buffer): Promise<ReadReply> {
  if (buffer.length === 0) throw replyError('REPLY_EMPTY_FILE');
  if (buffer.length > MAX_REPLY_BYTES) throw replyError('REPLY_TOO_LARGE', { bytes: buffer.length });
  const kind = await sniffReply(buffer);
  switch (kind) {
    case 'encrypted':
      throw replyError('REPLY_ENCRYPTED');
    case 'image':
      throw replyError('REPLY_IMAGE_ONLY', { format: 'image' });
    case 'ole':
    case 'zip':
      throw replyError('REPLY_UNSUPPORTED_FORMAT', { format: kind });
    case 'docx': {
      const { blocks, hasImages } = await docxBlocks(buffer);
      return { format: 'docx', blocks: requireText(blocks, hasImages) };
    }
    case 'xlsx': {
      const { blocks, hasImages } = await xlsxBlocks(buffer);
      return { format: 'xlsx', blocks: requireText(blocks, hasImages) };
    }
    case 'doc':
      throw replyError('REPLY_UNSUPPORTED_FORMAT', { format: 'doc' }, '不支持旧版 Word（.doc）文件：请另存为 .docx 后上传');
    case 'pdf':
      return { format: 'pdf', blocks: requireText(textBlocks(await pdfText(buffer)), true) };
    default: {
      const text = decodeText(buffer);
      if (text.includes('\u0000')) throw replyError('REPLY_UNSUPPORTED_FORMAT', { format: 'binary' });
      return { format: 'txt', blocks: textBlocks(text) };
    }
  }
}

function requireText(blocks: ReplyBlock[], mayBeScan: boolean): ReplyBlock[] {
  const text = blocks.some((b) => (b.type === 'line' ? b.text.trim() : b.rows.some((r) => r.some((c) => c.trim()))));
  if (!text) throw mayBeScan ? replyError('REPLY_IMAGE_ONLY') : replyError('REPLY_EMPTY');
  return blocks;
}

/**
 * Plain text: lines, and tables of two or more consecutive rows split by tabs or by |, as a table
 * copied out of Word or written in Markdown reads.
 */
export function textBlocks(text: string): ReplyBlock[] {
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|[\r\n\f\u2028\u2029]/);
  const blocks: ReplyBlock[] = [];
  let table: string[][] | null = null;
  const flush = () => {
    if (!table) return;
    if (table.length >= 2) blocks.push({ type: 'table', rows: table });
    else blocks.push({ type: 'line', text: table[0].join(' ') });
    table = null;
  };
  for (const line of lines) {
    const cells = splitRow(line);
    if (cells) {
      if (cells.every((c) => /^:?-{2,}:?$/.test(c.trim()) || !c.trim())) continue; // a Markdown rule line
      (table ??= []).push(cells);
      continue;
    }
    if (table && !line.trim()) continue;
    flush();
    blocks.push({ type: 'line', text: line });
  }
  flush();
  return blocks;
}

function splitRow(line: string): string[] | null {
  if (line.includes('\t')) return line.split('\t');
  const bars = line.match(/[|｜]/g)?.length ?? 0;
  if (bars >= 2) {
    const cells = line.split(/[|｜]/);
    if (/^\s*$/.test(cells[0])) cells.shift();
    if (cells.length && /^\s*$/.test(cells[cells.length - 1])) cells.pop();
    return cells;
  }
  return null;
}

/**
 * A text PDF as lines, read by position as the draft importer reads one (items on a baseline left to
 * right, lines the page broke joined, table rows as tab-separated cells): the stream order of a
 * PDF's text puts quotation marks from another font out of place.
 */
async function pdfText(buffer: Buffer): Promise<string> {
  try {
    return await pdfToText(buffer);
  } catch (err) {
    const e = err as { code?: string; details?: Record<string, unknown>; message?: string };
    if (e?.code === 'IMPORT_ENCRYPTED') throw replyError('REPLY_ENCRYPTED');
    if (e?.code === 'IMPORT_NO_TEXT_LAYER') throw replyError('REPLY_IMAGE_ONLY', { format: 'pdf', ...e.details });
    if (e?.code === 'IMPORT_TOO_LARGE') throw replyError('REPLY_TOO_LARGE', e.details, e.message?.replace('征求意见稿', '反馈意见'));
    throw replyError('REPLY_CORRUPT', { reason: String(e?.message ?? err) });
  }
}
