/** Stable codes of import failures (raised through DraftingErrors.import*; the message says in Chinese what is wrong with the file). */
export type ImportErrorCode =
  | 'IMPORT_EMPTY'
  | 'IMPORT_NO_CLAUSES'
  | 'IMPORT_BAD_DOCX'
  | 'IMPORT_BAD_DOC'
  | 'IMPORT_BAD_PDF'
  | 'IMPORT_ENCRYPTED'
  | 'IMPORT_NO_TEXT_LAYER'
  | 'IMPORT_UNSUPPORTED_FORMAT'
  | 'IMPORT_NOT_TEXT'
  | 'IMPORT_TOO_LARGE';
