import { importText, ParsedClause } from '../../libs/drafting/src/pure';
import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';

export const REFERENCE_LETTER = join(__dirname, '..', 'fixtures', 'beautiful-towns-round2-letter.txt');

/** The reference letter's rules: written and sealed; a city's reply needs 经市政府同意. */
export const LETTER_CITY_APPROVAL = {
  required: true,
  generalOfficeSuffices: true,
  requiredSeals: ['construction_authority', 'beautiful_towns_office'],
};

/** 于5月23日前: the end of 23 May 2023 in Asia/Shanghai. */
export const LETTER_DEADLINE = new Date('2023-05-23T23:59:59.999+08:00');

export interface SeededClause {
  id: string;
  kind: string;
  label: string;
  number: number | null;
  heading: string;
  text: string;
  lineageKey: string;
}

export interface SeededRound {
  roundId: string;
  versionId: string;
  policyId: string;
  /** every clause in document order */
  clauses: SeededClause[];
  /** 1. … 18.: the numbered items (条) of the draft by number */
  item(number: number): SeededClause;
  unitId(shortName: string): string;
  recipientId(shortName: string): string;
}

export interface RoundOptions {
  /** recipients by the directory's short name (provincial units, cities) */
  recipients?: string[];
  deadline?: Date;
  status?: 'open' | 'closed' | 'draft';
  roundNumber?: number;
  sealRequired?: boolean;
  cityApproval?: typeof LETTER_CITY_APPROVAL;
  silenceRule?: 'no_comment_must_be_written' | 'silence_is_no_comment';
}

export const DEFAULT_RECIPIENTS = ['省财政厅', '省公安厅', '省建设厅', '省自然资源厅', '杭州市', '宁波市', '温州市'];

let parsedLetter: ReturnType<typeof importText> | null = null;

/**
 * The reference round (二次征求意见) as bulk SQL, without the drafting and consultation services:
 * a policy, its locked 二次征求意见稿 with every clause of the reference draft, an open round with the
 * letter's rules, and a recipient row for each named unit.
 */
export async function aReferenceRound(ds: DataSource, opts: RoundOptions = {}): Promise<SeededRound> {
  parsedLetter ??= importText(readFileSync(REFERENCE_LETTER, 'utf8'));
  const units: { id: string; short_name: string; kind: string }[] = await ds.query(`SELECT id, short_name, kind FROM unit`);
  const unitIds = new Map(units.map((u) => [u.short_name, u.id]));
  const organizer = units.find((u) => u.kind === 'organizer')!;

  const [policy]: { id: string }[] = await ds.query(`INSERT INTO policy (title, drafting_unit_id) VALUES ($1, $2) RETURNING id`, [
    parsedLetter.title.replace(/（[^（）]*稿）$/, ''),
    organizer.id,
  ]);
  const [version]: { id: string }[] = await ds.query(
    `INSERT INTO draft_version (policy_id, seq, label, title, status, source_format, item_numbering)
     VALUES ($1, 2, '二次征求意见稿', $2, 'editing', 'txt', $3) RETURNING id`,
    [policy.id, parsedLetter.title, parsedLetter.numbering.items],
  );

  const clauses: (SeededClause & { parentId: string | null; position: number; ordinal: number; tableRows: string[][] | null })[] = [];
  const walk = (nodes: ParsedClause[], parentId: string | null) =>
    nodes.forEach((node, position) => {
      const row = {
        id: randomUUID(),
        parentId,
        position,
        ordinal: clauses.length,
        kind: node.kind,
        label: node.label,
        number: node.number,
        heading: node.heading,
        text: node.text,
        lineageKey: randomUUID(),
        tableRows: node.table?.rows ?? null,
      };
      clauses.push(row);
      walk(node.children, row.id);
    });
  walk(parsedLetter.clauses, null);
  // one statement: the self-referencing parent keys are checked at its end
  await ds.query(
    `INSERT INTO clause (id, version_id, parent_id, position, ordinal, kind, label, number, heading, text, lineage_key, table_rows)
     SELECT t.id, $1, t.parent_id, t.position, t.ordinal, t.kind, t.label, t.number, t.heading, t.text, t.lineage_key, t.table_rows::jsonb
       FROM unnest($2::uuid[], $3::uuid[], $4::int[], $5::int[], $6::text[], $7::text[], $8::int[], $9::text[], $10::text[], $11::uuid[], $12::text[])
         AS t(id, parent_id, position, ordinal, kind, label, number, heading, text, lineage_key, table_rows)`,
    [
      version.id,
      clauses.map((c) => c.id),
      clauses.map((c) => c.parentId),
      clauses.map((c) => c.position),
      clauses.map((c) => c.ordinal),
      clauses.map((c) => c.kind),
      clauses.map((c) => c.label),
      clauses.map((c) => c.number),
      clauses.map((c) => c.heading),
      clauses.map((c) => c.text),
      clauses.map((c) => c.lineageKey),
      clauses.map((c) => (c.tableRows ? JSON.stringify(c.tableRows) : null)),
    ],
  );
  await ds.query(`UPDATE draft_version SET locked_at = now() WHERE id = $1`, [version.id]);

  const status = opts.status ?? 'open';
  const [round]: { id: string }[] = await ds.query(
    `INSERT INTO consultation_round (policy_id, version_id, round_number, title, letter_text, deadline, contact_name, contact_phone,
            seal_required, city_approval, silence_rule, reminder_policy, status, launched_at)
     VALUES ($1, $2, $3, $4, '', $5, '陈泽', '0571-89892005', $6, $7::jsonb, $8, '{}'::jsonb, $9, CASE WHEN $9 = 'draft' THEN NULL ELSE now() END)
     RETURNING id`,
    [
      policy.id,
      version.id,
      opts.roundNumber ?? 2,
      `关于征求《${parsedLetter.title}》意见的函`,
      opts.deadline ?? LETTER_DEADLINE,
      opts.sealRequired ?? true,
      JSON.stringify(opts.cityApproval ?? LETTER_CITY_APPROVAL),
      opts.silenceRule ?? 'no_comment_must_be_written',
      status,
    ],
  );
  const names = opts.recipients ?? DEFAULT_RECIPIENTS;
  const missing = names.filter((n) => !unitIds.has(n));
  if (missing.length) throw new Error(`unknown units: ${missing.join(', ')}`);
  const recipients: { id: string; unit_id: string }[] = await ds.query(
    `INSERT INTO round_recipient (round_id, unit_id) SELECT $1, unnest($2::uuid[]) RETURNING id, unit_id`,
    [round.id, names.map((n) => unitIds.get(n))],
  );
  const recipientByUnit = new Map(recipients.map((r) => [r.unit_id, r.id]));

  const items = new Map(clauses.filter((c) => c.kind === 'item' && c.number !== null).map((c) => [c.number!, c]));
  return {
    roundId: round.id,
    versionId: version.id,
    policyId: policy.id,
    clauses,
    item: (number) => {
      const clause = items.get(number);
      if (!clause) throw new Error(`no item ${number}. in the reference draft`);
      return clause;
    },
    unitId: (shortName) => {
      const id = unitIds.get(shortName);
      if (!id) throw new Error(`unknown unit ${shortName}`);
      return id;
    },
    recipientId: (shortName) => {
      const id = recipientByUnit.get(unitIds.get(shortName) ?? '');
      if (!id) throw new Error(`${shortName} is not a recipient`);
      return id;
    },
  };
}

/** A one-page PDF as a scanner would write it (only the magic bytes matter to the product). */
export function aScannedLetter(label = '盖章页'): Buffer {
  return Buffer.from(`%PDF-1.4\n% ${label}\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n`, 'utf8');
}

export const PNG_BYTES = Buffer.from('89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489', 'hex');

/** An item that quotes a real span of the clause, as a unit would write it. */
export function anItem(clause: SeededClause, change: Partial<{ key: string; quote: string; kind: string; proposedText: string; reason: string }> = {}) {
  const quote = change.quote ?? clause.text.slice(0, 12);
  return {
    key: change.key ?? randomUUID().slice(0, 8),
    clauseId: clause.id,
    quote,
    kind: change.kind ?? 'modify',
    proposedText: change.proposedText ?? `${quote}（建议修改）`,
    reason: change.reason ?? '表述更准确',
  };
}
