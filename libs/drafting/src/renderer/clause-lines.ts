import type { ParsedClause, ResponsibleUnit } from '../clause-tree';

/** "提升市政设施品质。按照…": the heading, its full stop, then the text. */
export function headingAndText(c: Pick<ParsedClause, 'heading' | 'text'>): string {
  if (c.heading && c.text) return `${c.heading}。${c.text}`;
  return c.heading || c.text;
}

/** "1." + "5G…" would read as 1.5: keep a space between a label and a leading digit. */
export function joinLabel(label: string, body: string): string {
  // 第一章　总则 / 第一条　为了…: a regulation sets its numbers off with a full-width space
  if (label.startsWith('第') && body) return `${label}\u3000${body}`;
  return label && /^[0-9０-９]/.test(body) ? `${label} ${body}` : `${label}${body}`;
}

/** The note as printed, or one written from the units when the clause has none. */
export function noteOf(c: Pick<ParsedClause, 'responsibleUnits' | 'responsibilityRaw'>): string {
  if (c.responsibilityRaw) return c.responsibilityRaw;
  return composeNote(c.responsibleUnits);
}

export function composeNote(units: ResponsibleUnit[]): string {
  if (units.length === 0) return '';
  const names = units.map((u) => u.name);
  const leads = units.filter((u) => u.isLead);
  if (leads.length === 0) return `（责任单位：${names.join('、')}）`;
  if (leads.length === 1 && units[0].isLead) return `（责任单位：${names.join('、')}。列第一位的为牵头单位。）`;
  const others = units.filter((u) => !u.isLead).map((u) => u.name);
  return `（牵头单位：${leads.map((u) => u.name).join('、')}${others.length ? `；配合单位：${others.join('、')}` : ''}）`;
}

/**
 * The printed lines of one clause (children not included): a bracketed note follows its text
 * on the same line, a bare one stands on the next line so it cannot run into the text.
 */
export function clauseLines(c: ParsedClause): string[] {
  switch (c.kind) {
    case 'table':
      return [(c.table?.rows ?? []).map((r) => r.map(cell).join('\t')).join('\n')];
    case 'annex':
      return c.heading ? [c.label || '附件', c.heading] : [c.label || '附件'];
    case 'paragraph':
      return withNote(c.text, c);
    case 'article':
      // 第一条（立法目的）为了…: an article's caption stands in brackets before its text
      return withNote(joinLabel(c.label, c.heading ? `（${c.heading}）${c.text}` : c.text), c);
    default:
      return withNote(joinLabel(c.label, headingAndText(c)), c);
  }
}

function withNote(line: string, c: ParsedClause): string[] {
  const note = noteOf(c);
  if (!note) return [line];
  if (/^[（(]/.test(note) || /。$/.test(line)) return [`${line}${note}`];
  return [line, note];
}

function cell(text: string): string {
  return text.replace(/[\t\r\n]+/g, ' ');
}
