import type { ImportOptions, ImportResult, ImportWarning, LetterFacts, ParsedClause } from '../clause-tree';
import { parseBlocks } from './block-parser';
import type { SourceBlock } from './blocks';
import { docToText } from './doc-source';
import { pdfToText } from './pdf-source';
import { textToBlocks } from './text-source';
import { docxXmlBlocks } from './word-xml';
import { splitDocument } from './document-split';
import { DraftingErrors } from '../errors';
import { extractLetterFacts } from './letter-facts';
import { joinLines, normalizeBlocks } from './line-normalizer';
import { checkNumbering, detectItemNumbering } from './numbering';
import { ResponsibilityReader } from './responsibility';
import { extractTitle, fullWidthBrackets } from './title';
import { unwrap } from './wrappers';
import { WarningLog } from './warning-log';

/**
 * Imports a draft from plain text (pasted, or extracted from a PDF): a consultation letter with
 * the draft as its annex, or the draft alone. Throws a DomainError (IMPORT_*) when there is no draft.
 */
export function importText(text: string, opts: ImportOptions = {}): ImportResult {
  return importBlocks(textToBlocks(text), opts, new WarningLog('行'));
}

/** Imports a .docx from its XML: Word's automatic numbering shown as Word shows it, merged cells on the grid. */
export async function importDocx(buffer: Buffer, opts: ImportOptions = {}): Promise<ImportResult> {
  const format = sniffFormat(buffer);
  if (format !== 'docx' && format !== 'zip') throw DraftingErrors.importNotDocx({ format });
  return importBlocks(await docxXmlBlocks(buffer), opts, new WarningLog('段'));
}

/** Imports a legacy Word 97–2003 .doc: its paragraphs are paragraphs, its tables tab-separated rows. */
export async function importDoc(buffer: Buffer, opts: ImportOptions = {}): Promise<ImportResult> {
  const doc = await docToText(buffer);
  const blocks = textToBlocks(doc.text).map((b) => (b.type === 'line' ? { ...b, hard: true } : b));
  const warnings = new WarningLog('段');
  if (doc.numberingLost) {
    warnings.add('DOC_NUMBERING_LOST', '该 .doc 文件使用了 Word 自动编号，但编号未能读出，一、（一）1. 等编号可能缺失；请在 Word 中另存为 .docx 后导入，或导入后核对层级');
  }
  return importBlocks(blocks, opts, warnings);
}

/** Imports a PDF with a text layer (a scan gets IMPORT_NO_TEXT_LAYER). */
export async function importPdf(buffer: Buffer, opts: ImportOptions = {}): Promise<ImportResult> {
  return importText(await pdfToText(buffer), opts);
}

export type DraftFileFormat = 'docx' | 'doc' | 'pdf' | 'txt';

const OLE = Buffer.from('d0cf11e0a1b11ae1', 'hex');

/** What a file is, by its bytes (names lie: a .doc saved as .docx, a .txt that is a PDF). */
export function sniffFormat(buffer: Buffer): DraftFileFormat | 'zip' | 'encrypted' | 'ole' | 'image' | 'rtf' | 'odt' | 'xlsx' {
  if (buffer.subarray(0, 8).equals(OLE)) {
    // a password-protected .docx is an OLE container holding EncryptionInfo and EncryptedPackage
    if (buffer.includes(Buffer.from('EncryptedPackage', 'utf16le')) || buffer.includes(Buffer.from('EncryptionInfo', 'utf16le'))) return 'encrypted';
    if (buffer.includes(Buffer.from('WordDocument', 'utf16le'))) return 'doc';
    return 'ole';
  }
  const head = buffer.subarray(0, 8).toString('latin1');
  if (buffer.indexOf('%PDF-', 0, 'latin1') >= 0 && buffer.indexOf('%PDF-', 0, 'latin1') < 1024) return 'pdf';
  if (head.startsWith('{\\rtf')) return 'rtf';
  if (/^(?:\xFF\xD8\xFF|\x89PNG|GIF8|II\*\0|MM\0\*|BM)/.test(head)) return 'image';
  if (buffer.length >= 4 && buffer.readUInt32LE(0) === 0x04034b50) {
    const names = buffer.subarray(0, Math.min(buffer.length, 4096)).toString('latin1');
    if (names.includes('word/')) return 'docx';
    if (names.includes('xl/')) return 'xlsx';
    if (names.includes('opendocument.text')) return 'odt';
    return 'zip'; // a .docx whose first entry is not under word/: the reader decides
  }
  return 'txt';
}

/**
 * Imports an uploaded file recognised by its content, not its name: .docx, .doc, a text PDF or
 * plain text (UTF-8, UTF-16 or GB18030). Files it cannot read get a clear IMPORT_* error.
 */
export async function importFile(buffer: Buffer, _fileName: string, opts: ImportOptions = {}): Promise<ImportResult> {
  if (buffer.length === 0) throw DraftingErrors.importEmpty();
  const format = sniffFormat(buffer);
  switch (format) {
    case 'docx':
    case 'zip':
      return importBlocks(await docxXmlBlocks(buffer), opts, new WarningLog('段'));
    case 'doc':
      return importDoc(buffer, opts);
    case 'pdf':
      return importPdf(buffer, opts);
    case 'encrypted':
      throw DraftingErrors.importWordEncrypted({});
    case 'image':
      throw DraftingErrors.importImageNoText({ format });
    case 'xlsx':
    case 'ole':
    case 'rtf':
    case 'odt':
      throw DraftingErrors.importUnsupportedFormat(FORMAT_NAMES[format], { format });
    default:
      return importText(decodeText(buffer), opts);
  }
}

const FORMAT_NAMES = { xlsx: 'Excel 表格', ole: 'Office 97–2003 文件，但不是 Word 文档', rtf: 'RTF 文档', odt: 'OpenDocument 文档' } as const;

/**
 * Text as Windows saves it: UTF-16 with a byte-order mark ("Unicode" in Notepad), UTF-8, or,
 * still common in Chinese offices, GB18030 (GBK) when the bytes are not UTF-8.
 */
export function decodeText(buffer: Buffer): string {
  if (buffer[0] === 0xff && buffer[1] === 0xfe) return new TextDecoder('utf-16le').decode(buffer);
  if (buffer[0] === 0xfe && buffer[1] === 0xff) return new TextDecoder('utf-16be').decode(buffer);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(buffer);
  } catch {
    return new TextDecoder('gb18030').decode(buffer);
  }
}

function importBlocks(source: SourceBlock[], opts: ImportOptions, warnings: WarningLog): ImportResult {
  const blocks = normalizeBlocks(source);
  if (blocks.length === 0) throw DraftingErrors.importEmpty();
  const units = new ResponsibilityReader(opts.resolver, warnings);
  const unwrapped = unwrap(blocks);
  const document = unwrapped.document ? { document: unwrapped.document } : {};
  if (unwrapped.letterOnly) {
    // a public notice or letter asking for comments on a draft it does not contain: its facts still count
    const letter = extractLetterFacts(unwrapped.letterOnly.letter, null, units, warnings);
    if (letter.deadline || letter.contact || letter.email || letter.address) {
      const title = fullWidthBrackets(unwrapped.letterOnly.draftTitle);
      warnings.add('LETTER_WITHOUT_DRAFT', `只找到征求意见的函（公告），没有找到《${title}》的正文；已读取反馈要求，请另行导入征求意见稿`);
      return { title, letter, ...document, clauses: [], warnings: warnings.list, numbering: { items: 'per_section' } };
    }
  }
  const regions = unwrapped.letter ? { letter: unwrapped.letter, draft: unwrapped.blocks, unitList: null } : splitDocument(unwrapped.blocks);

  let letter: LetterFacts | undefined;
  if (regions.letter) letter = extractLetterFacts(regions.letter, regions.unitList, units, warnings);

  const { title, rest } = extractTitle(regions.draft);
  if (!title) warnings.add('NO_TITLE', '未识别出文件标题，请补充');
  const body = parseBlocks(joinLines(rest), units, warnings, { bareHeadings: unwrapped.bulletin });
  if (body.clauses.length === 0) {
    throw DraftingErrors.importNoClausesFound(!!regions.letter, {
      title,
    });
  }
  const items = detectItemNumbering(body.clauses);
  checkNumbering(body.clauses, items, body.lines, warnings);

  return { title, ...(letter ? { letter } : {}), ...document, clauses: body.clauses.map(tidy), warnings: pointAtClauses(warnings.list, body.clauses, body.lines), numbering: { items } };
}

/**
 * A warning on a line of the draft names the clause that line belongs to (the last clause starting
 * at or before it) by its path in the tree, "1.0.2": the review screen jumps to the clause, not to a
 * line offset that wrapping or a correction would move.
 */
function pointAtClauses(list: ImportWarning[], clauses: ParsedClause[], lines: Map<ParsedClause, number>): ImportWarning[] {
  const starts: { line: number; path: string }[] = [];
  const walk = (nodes: ParsedClause[], prefix: string) =>
    nodes.forEach((c, i) => {
      const line = lines.get(c);
      if (line !== undefined) starts.push({ line, path: `${prefix}${i}` });
      walk(c.children, `${prefix}${i}.`);
    });
  walk(clauses, '');
  return list.map((w) => {
    if (w.line === undefined || starts.length === 0 || w.line < starts[0].line) return w;
    let found = starts[0].path;
    for (const s of starts) {
      if (s.line > w.line) break;
      found = s.path;
    }
    return { ...w, clause: found };
  });
}

/** Same keys in the same order everywhere, so the JSON reads predictably. */
function tidy(c: ParsedClause): ParsedClause {
  const { kind, label, number, heading, text, responsibleUnits, responsibilityRaw, table } = c;
  return {
    kind,
    label,
    number,
    heading,
    text,
    responsibleUnits,
    ...(responsibilityRaw !== undefined ? { responsibilityRaw } : {}),
    ...(table ? { table } : {}),
    children: c.children.map(tidy),
  };
}
