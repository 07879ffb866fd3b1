import type { ClauseKind, ItemNumbering, ParsedClause } from '../clause-tree';
import { formatLabel } from './numerals';
import type { WarningLog } from './warning-log';

const NUMBERED: ClauseKind[] = ['part', 'section', 'item', 'subitem'];

/** Runs of same-kind siblings in document order: [[1,2,3],[4,5]] for items of two sections. */
function groupsOf(kind: ClauseKind, clauses: ParsedClause[]): ParsedClause[][] {
  const groups: ParsedClause[][] = [];
  const walk = (siblings: ParsedClause[]) => {
    const group = siblings.filter((c) => c.kind === kind && c.number !== null);
    if (group.length) groups.push(group);
    for (const c of siblings) walk(c.children);
  };
  walk(clauses);
  return groups;
}

/**
 * Whether item numbers run on across sections (1–18 over （一）…（五）) or restart in each: the
 * majority of section boundaries decides; a draft that never shows either counts as per-section.
 */
export function detectItemNumbering(clauses: ParsedClause[]): ItemNumbering {
  const groups = groupsOf('item', clauses);
  let runOn = 0;
  let restart = 0;
  for (let i = 1; i < groups.length; i++) {
    const previousLast = groups[i - 1][groups[i - 1].length - 1].number!;
    const first = groups[i][0].number!;
    if (first === previousLast + 1) runOn++;
    else if (first === 1) restart++;
  }
  return runOn > restart ? 'continuous' : 'per_section';
}

/** Warns where a number skips or repeats (an item deleted without renumbering, a typo). */
export function checkNumbering(
  clauses: ParsedClause[],
  items: ItemNumbering,
  lines: Map<ParsedClause, number>,
  warnings: WarningLog,
): void {
  for (const kind of NUMBERED) {
    let expected = 1;
    for (const group of groupsOf(kind, clauses)) {
      if (!(kind === 'item' && items === 'continuous')) expected = 1;
      for (const c of group) {
        if (c.number !== expected) {
          const line = lines.get(c);
          warnings.add('NUMBERING_GAP', `${warnings.at(line)}编号“${c.label}”与前文不连续，此处应为“${formatLabel(kind, expected)}”`, line);
        }
        expected = c.number! + 1;
      }
    }
  }
}
