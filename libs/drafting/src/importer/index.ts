export { importText, importDocx, importFile, decodeText } from './import-draft';
export type { ImportErrorCode } from './errors';
export { toChineseNumeral, parseChineseNumeral, formatLabel } from './numerals';
export { detectItemNumbering } from './numbering';
