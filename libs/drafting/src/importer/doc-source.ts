import { DraftingErrors } from '../errors';

/** Text of a legacy Word 97–2003 .doc (word-extractor): paragraphs one a line, table cells split by tabs. */
export async function docToText(buffer: Buffer): Promise<string> {
  // word-extractor ships no types: the two calls used here
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const WordExtractor: new () => { extract(b: Buffer): Promise<{ getBody(): string }> } = require('word-extractor');
  try {
    const doc = await new WordExtractor().extract(buffer);
    // word-extractor ends a table cell with \t and a row with \t\n
    return doc.getBody().replace(/\t\n/g, '\n');
  } catch (err) {
    const message = String((err as Error)?.message ?? err);
    if (/encrypt|password/i.test(message)) throw DraftingErrors.importWordEncrypted({});
    throw DraftingErrors.importBadDoc({ reason: message });
  }
}
