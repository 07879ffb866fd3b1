import type { EntityManager } from 'typeorm';

/** Board states, in the order the board lists its counts, with their labels. */
export const BOARD_STATES = [
  ['pending', '未查看'],
  ['viewed', '已查看'],
  ['drafting', '起草中'],
  ['submitted_with_comments', '已反馈（有意见）'],
  ['submitted_no_comment', '已反馈（无意见）'],
  ['returned', '退回补正'],
  ['overdue', '逾期'],
  ['extended', '已延期'],
  ['exempted', '已豁免'],
] as const;
export type BoardState = (typeof BOARD_STATES)[number][0];
export const BOARD_LABEL: Record<BoardState, string> = Object.fromEntries(BOARD_STATES) as Record<BoardState, string>;

/**
 * The board state of a recipient row `rr` whose effective deadline is `deadline`, at instant `now`:
 * a reply or exemption wins, then 退回补正, then overdue (derived, never stored), then 已延期.
 */
export function boardStateSql(rr: string, deadline: string, now: string): string {
  return `CASE
    WHEN ${rr}.status = 'exempted' THEN 'exempted'
    WHEN ${rr}.status = 'submitted' AND ${rr}.reply_kind = 'no_comment' THEN 'submitted_no_comment'
    WHEN ${rr}.status = 'submitted' THEN 'submitted_with_comments'
    WHEN ${rr}.status = 'returned' THEN 'returned'
    WHEN ${deadline} < ${now} THEN 'overdue'
    WHEN ${rr}.deadline_override IS NOT NULL THEN 'extended'
    ELSE ${rr}.status END`;
}

export interface UnitAddressBook {
  unitId: string;
  name: string;
  kind: string;
  emails: string[];
  contacts: { name: string; phone: string | null; email: string | null }[];
}

/**
 * The contacts through which each unit is reached: its own, and for a prefecture city those of its
 * offices (a city has no mailbox of its own; its general office, 建设局 and 美丽城镇办 do).
 */
export async function unitAddressBooks(em: EntityManager, unitIds: string[]): Promise<Map<string, UnitAddressBook>> {
  if (!unitIds.length) return new Map();
  const rows: UnitAddressBook[] = await em.query(
    `SELECT u.id AS "unitId", u.short_name AS name, u.kind,
            coalesce(array_agg(DISTINCT lower(c.email)) FILTER (WHERE coalesce(c.email, '') <> ''), '{}') AS emails,
            coalesce(json_agg(json_build_object('name', c.name, 'phone', c.phone, 'email', c.email) ORDER BY c.sort, c.name)
                     FILTER (WHERE c.name IS NOT NULL), '[]') AS contacts
       FROM unnest($1::uuid[]) AS t(id)
       JOIN unit u ON u.id = t.id
       LEFT JOIN LATERAL (
              SELECT uc.name, uc.email, uc.phone, 0 AS sort FROM unit_contact uc WHERE uc.unit_id = u.id
              UNION ALL
              SELECT o.short_name || ' ' || uc.name, uc.email, uc.phone, 1 + o.sort_order FROM unit o JOIN unit_contact uc ON uc.unit_id = o.id
               WHERE u.kind = 'prefecture_city' AND o.parent_id = u.id AND o.kind = 'city_office'
            ) c ON true
      GROUP BY u.id`,
    [unitIds],
  );
  return new Map(rows.map((r) => [r.unitId, { ...r, emails: [...r.emails].sort() }]));
}

export interface UnitMailbox {
  unitId: string;
  name: string;
  kind: string;
  emails: string[];
}

/** The sorted, distinct addresses of unit `u` (its own, or a city's offices'), as a text[] expression. */
export const MAILBOX_SQL = (u: string) => `coalesce((SELECT array_agg(DISTINCT lower(x.email) ORDER BY lower(x.email))
    FROM (SELECT uc.email FROM unit_contact uc WHERE uc.unit_id = ${u}.id
          UNION ALL
          SELECT uc.email FROM unit o JOIN unit_contact uc ON uc.unit_id = o.id
           WHERE ${u}.kind = 'prefecture_city' AND o.parent_id = ${u}.id AND o.kind = 'city_office') x
   WHERE coalesce(x.email, '') <> ''), '{}')`;

/** Just the addresses, for sending to many units at once. */
export async function unitMailboxes(em: EntityManager, unitIds: string[]): Promise<Map<string, UnitMailbox>> {
  if (!unitIds.length) return new Map();
  const rows: UnitMailbox[] = await em.query(
    `SELECT u.id AS "unitId", u.short_name AS name, u.kind, ${MAILBOX_SQL('u')} AS emails FROM unit u WHERE u.id = ANY($1::uuid[])`,
    [unitIds],
  );
  return new Map(rows.map((r) => [r.unitId, r]));
}
