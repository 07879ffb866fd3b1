import type { ImportOptions, ImportResult, LetterFacts, ParsedClause } from '../clause-tree';
import { parseBlocks } from './block-parser';
import type { SourceBlock } from './blocks';
import { docxToBlocks } from './docx-source';
import { splitDocument } from './document-split';
import { importError } from './errors';
import { extractLetterFacts } from './letter-facts';
import { joinLines, normalizeBlocks } from './line-normalizer';
import { checkNumbering, detectItemNumbering } from './numbering';
import { ResponsibilityReader } from './responsibility';
import { textToBlocks } from './text-source';
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

/** Imports a .docx the same way (paragraphs and tables through mammoth). */
export async function importDocx(buffer: Buffer, opts: ImportOptions = {}): Promise<ImportResult> {
  return importBlocks(await docxToBlocks(buffer), opts, new WarningLog('段'));
}

/** Imports an uploaded file: .docx by name or by its ZIP signature, anything else as text (UTF-8 or GB18030). */
export async function importFile(buffer: Buffer, fileName: string, opts: ImportOptions = {}): Promise<ImportResult> {
  const zip = buffer.length >= 4 && buffer.readUInt32LE(0) === 0x04034b50;
  if (/\.docx$/i.test(fileName) || zip) return importDocx(buffer, opts);
  if (/\.doc$/i.test(fileName) || buffer.subarray(0, 8).equals(Buffer.from('d0cf11e0a1b11ae1', 'hex'))) {
    throw importError('IMPORT_BAD_DOCX', '不支持旧版 Word（.doc）文件，请另存为 .docx 后再导入');
  }
  return importText(decodeText(buffer), opts);
}

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
  if (blocks.length === 0) throw importError('IMPORT_EMPTY', '文件没有内容');
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
    throw importError('IMPORT_NO_CLAUSES', regions.letter ? '找到了征求意见函，但没有找到征求意见稿正文' : '没有找到任何条款', {
      title,
    });
  }
  const items = detectItemNumbering(body.clauses);
  checkNumbering(body.clauses, items, body.lines, warnings);

  return { title, ...(letter ? { letter } : {}), ...document, clauses: body.clauses.map(tidy), warnings: warnings.list, numbering: { items } };
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
