export { importText, importDocx, importDoc, importPdf, importFile, decodeText, sniffFormat } from './import-draft';
export { pdfToText } from './pdf-source';
export type { DraftFileFormat } from './import-draft';
export { parseXml, WordNumbering, formatNumber, elements, first, val } from './word-xml';
export type { XmlElement } from './word-xml';
export type { ImportErrorCode } from './errors';
export { toChineseNumeral, parseChineseNumeral, formatLabel } from './numerals';
export { detectItemNumbering } from './numbering';
