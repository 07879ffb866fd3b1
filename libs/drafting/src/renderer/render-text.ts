import type { DraftDocument, ParsedClause } from '../clause-tree';
import { clauseLines } from './clause-lines';

/**
 * The draft as clean plain text: title, then one paragraph per clause separated by blank lines,
 * tables as tab-separated rows. importText reads it back to the same tree.
 */
export function renderText(doc: DraftDocument): string {
  const paragraphs: string[] = [];
  if (doc.title) paragraphs.push(doc.title);
  const walk = (clauses: ParsedClause[]) => {
    for (const c of clauses) {
      paragraphs.push(...clauseLines(c));
      walk(c.children);
    }
  };
  walk(doc.clauses);
  return `${paragraphs.join('\n\n')}\n`;
}
