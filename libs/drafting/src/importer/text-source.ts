import type { SourceBlock } from './blocks';
import { DraftingErrors } from '../errors';

/** Characters beyond this are refused: a draft is tens of kilobytes, a mistaken upload is not. */
export const MAX_TEXT_CHARS = 20_000_000;

/**
 * Splits plain text into lines and tables. A table is a run of two or more tab-separated lines
 * (blank lines between rows allowed, as PDF extraction leaves them); a lone tab is a space.
 */
export function textToBlocks(text: string): SourceBlock[] {
  if (text.length > MAX_TEXT_CHARS) {
    throw DraftingErrors.importFileTooLarge(`${MAX_TEXT_CHARS / 1_000_000}百万字`);
  }
  const lines = text.replace(/^\uFEFF/, '').split(/\r\n|[\r\n\f\u2028\u2029]/);
  const nul = lines.findIndex((l) => l.includes('\u0000'));
  if (nul >= 0) {
    throw DraftingErrors.importNotText(nul + 1, { line: nul + 1 });
  }
  const blocks: SourceBlock[] = [];
  let i = 0;
  while (i < lines.length) {
    const run = tableRun(lines, i);
    if (run.length >= 2) {
      blocks.push({
        type: 'table',
        rows: run.map((j) => lines[j].split('\t')),
        line: run[0] + 1,
        rowLines: run.map((j) => j + 1),
      });
      i = run[run.length - 1] + 1;
      continue;
    }
    blocks.push({ type: 'line', text: lines[i].replace(/\t/g, ' '), line: i + 1 });
    i++;
  }
  return blocks;
}

/** Indexes of the tab-separated lines starting at `start`, skipping blank lines between them. */
function tableRun(lines: string[], start: number): number[] {
  const run: number[] = [];
  let j = start;
  while (j < lines.length) {
    if (lines[j].includes('\t')) {
      run.push(j);
      j++;
    } else if (run.length > 0 && lines[j].trim() === '') {
      j++;
    } else {
      break;
    }
  }
  return run;
}
