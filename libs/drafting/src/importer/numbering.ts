import type { ClauseKind, ItemNumbering, ParsedClause } from '../clause-tree';
import { relabel } from './numerals';
import type { WarningLog } from './warning-log';

const NUMBERED: ClauseKind[] = ['chapter', 'part', 'section', 'article', 'item', 'subitem'];
/** numbered through the whole text, whatever holds them */
const RUN_THROUGH: ClauseKind[] = ['chapter', 'article'];

/** Runs of same-kind siblings in document order: [[1,2,3],[4,5]] for items of two sections. */
type Group = ParsedClause[] & { parent?: ParsedClause; inAnnex?: boolean };

function groupsOf(kind: ClauseKind, clauses: ParsedClause[]): Group[] {
  const groups: Group[] = [];
  const walk = (siblings: ParsedClause[], parent?: ParsedClause, inAnnex = false) => {
    const group: Group = siblings.filter((c) => c.kind === kind && c.number !== null);
    group.parent = parent;
    group.inAnnex = inAnnex;
    if (group.length) groups.push(group);
    for (const c of siblings) walk(c.children, c, inAnnex || c.kind === 'annex');
  };
  walk(clauses);
  return groups;
}

/**
 * Whether item numbers run on across sections (1–18 over （一）…（五）) or restart in each: the
 * majority of section boundaries decides; a draft that never shows either counts as per-section.
 */
export function detectItemNumbering(clauses: ParsedClause[]): ItemNumbering {
  // an article's 项 are its own: they restart in every article and say nothing of the rest
  // an annex numbers its own lists
  const groups = groupsOf('item', clauses).filter((g) => g.parent?.kind !== 'article' && !g.inAnnex);
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
      const runOn = RUN_THROUGH.includes(kind) || (kind === 'item' && items === 'continuous' && group.parent?.kind !== 'article' && !group.inAnnex);
      // sections may also run on across parts (（三） under 二、), as some provinces number them
      if (!runOn && !(kind === 'section' && group[0].number === expected && expected > 1)) expected = 1;
      for (const c of group) {
        if (c.number !== expected) {
          const line = lines.get(c);
          warnings.add('NUMBERING_GAP', `${warnings.at(line)}编号“${c.label}”与前文不连续，此处应为“${relabel(kind, c.label, expected)}”`, line);
        }
        expected = c.number! + 1;
      }
    }
  }
}
