import { Injectable } from '@nestjs/common';
import { AccessPolicy, Actor } from '@zq/access';
import { Clock, FileDownload, RenderThreads, threadTask } from '@zq/common';
import { MailDelivery } from '@zq/mail';
import { ConsultationErrors } from './errors';
import { shanghaiDateTime } from '@zq/calendar';
import { DataSource } from 'typeorm';
import { BOARD_LABEL, BOARD_STATES, BoardState, boardStateSql, unitAddressBooks } from './recipient-sql';

export interface BoardRecipient {
  unitId: string;
  name: string;
  kind: string;
  state: BoardState;
  label: string;
  overdue: boolean;
  extended: boolean;
  late: boolean;
  deadlineLocal: string;
  submittedLocal: string | null;
  lastRemindedLocal: string | null;
}

/** A recipient that has not replied (an entry of the board's recipient list). */
export type NotRepliedUnit = BoardRecipient;

/** 未反馈单位 with whom to call: the unit's contacts, a city's through its offices (named by office). */
export interface NotRepliedContactsUnit extends NotRepliedUnit {
  contacts: { name: string; phone: string | null; email: string | null }[];
}

export interface Board {
  round: { id: string; title: string; status: string; deadline: string; deadlineLocal: string };
  asOf: string;
  asOfLocal: string;
  /** recipients of the round */
  total: number;
  counts: { state: BoardState; label: string; count: number }[];
  /** recipients that have not replied (all states but the two submitted ones and 已豁免) */
  notRepliedCount: number;
  /** which recipients `recipients` holds: those matching the filter, from offset, at most limit (null: all) */
  page: { state: BoardFilter | null; offset: number; limit: number | null; matched: number };
  /** in the board's order: provincial units first, then the cities, each in the directory's order */
  recipients: BoardRecipient[];
  /** the entries of `recipients` that have not replied (all of them when the board is not paged) */
  notReplied: NotRepliedUnit[];
}

/** A board state, or not_replied for every state but the replied ones. */
export type BoardFilter = BoardState | 'not_replied';

export interface BoardPageQuery {
  state?: BoardFilter;
  /** at most this many recipients (none: all) */
  limit?: number;
  offset?: number;
}

/** 未反馈单位 .xlsx is typeset on a render thread. */
const NOT_REPLIED_SHEET = threadTask<typeof import('./not-replied-sheet')>(require.resolve('./not-replied-sheet'));

const ms = (col: string) => `(date_part('epoch', ${col}) * 1000)::bigint`;
/** field and row separators of the packed rows (ASCII unit / record separators never occur in names) */
const FS = '\x1f';
const RS = '\x1e';
const REPLIED = new Set<BoardState>(['submitted_with_comments', 'submitted_no_comment', 'exempted']);

/**
 * The board in one statement: the state of every recipient (overdue derived from its effective
 * deadline and the clock), the counts by state, and the recipients asked for (a filter and a page,
 * or all), sorted in SQL. At 10,000 recipients building JSON per row cost more than the rest of the
 * query, so rows come packed in one text (separator-delimited fields) that the service splits.
 * $1 round, $2 now, $3 states wanted (null: all), $4 limit (null: all), $5 offset.
 */
export const BOARD_SQL = `
WITH x AS MATERIALIZED (
  SELECT rr.unit_id, u.short_name, u.kind, u.sort_order, ${boardStateSql('rr', 'd.deadline', '$2')} AS state,
         rr.deadline_override IS NOT NULL AS extended, d.deadline, rr.submitted_at, rr.last_reminded_at
    FROM round_recipient rr
    JOIN consultation_round c ON c.id = rr.round_id
    CROSS JOIN LATERAL (SELECT coalesce(rr.deadline_override, c.deadline) AS deadline) d
    JOIN unit u ON u.id = rr.unit_id
   WHERE rr.round_id = $1
), p AS (
  SELECT * FROM x WHERE $3::text[] IS NULL OR x.state = ANY($3::text[])
   ORDER BY x.kind = 'prefecture_city', x.sort_order, x.short_name COLLATE "C", x.unit_id
   LIMIT $4 OFFSET $5
)
SELECT
  (SELECT json_build_array(c.id, c.title, c.status, ${ms('c.deadline')}) FROM consultation_round c WHERE c.id = $1) AS round,
  (SELECT coalesce(json_object_agg(g.state, g.n), '{}') FROM (SELECT x.state, count(*)::int AS n FROM x GROUP BY 1) g) AS counts,
  (SELECT count(*)::int FROM x WHERE $3::text[] IS NULL OR x.state = ANY($3::text[])) AS matched,
  (SELECT coalesce(string_agg(concat_ws(E'${FS}',
            p.unit_id, translate(p.short_name, E'${FS}${RS}', '  '), p.kind, p.state, p.extended,
            ${ms('p.deadline')}, coalesce(${ms('p.submitted_at')}::text, ''), coalesce(${ms('p.last_reminded_at')}::text, '')
          ), E'${RS}' ORDER BY p.kind = 'prefecture_city', p.sort_order, p.short_name COLLATE "C", p.unit_id), '') FROM p) AS rows`;

const num = (text: string): number | null => (text === '' ? null : Number(text));

/** The states a filter stands for (null: every state). */
export function boardFilterStates(filter: BoardFilter | undefined): string[] | null {
  if (!filter) return null;
  if (filter === 'not_replied') return BOARD_STATES.map(([s]) => s).filter((s) => !REPLIED.has(s));
  return [filter];
}

const PURPOSE_LABEL: Record<string, string> = {
  letter: '征求意见函',
  reminder: '催办',
  manual_reminder: '手动催办',
  escalation: '电话催办清单',
};

/** Why a mail was sent, in words: the purpose, and for reminders the step of the schedule. */
export function mailReason(purpose: string, slot: string | null): string {
  if (purpose === 'reminder' && slot) {
    const m = /^(before|overdue)-(\d+)$/.exec(slot);
    if (m) return m[1] === 'before' ? `截止前${m[2]}个工作日提醒` : `逾期第${m[2]}个工作日催办`;
    if (slot === 'deadline') return '截止当日提醒';
  }
  if (purpose === 'manual_reminder' && slot) {
    const m = /^manual-(\d+)$/.exec(slot);
    if (m) return `手动催办（第${m[1]}次）`;
  }
  return PURPOSE_LABEL[purpose] ?? purpose;
}

/** Shanghai wall-clock text for epoch milliseconds, remembering repeats (most rows share a deadline). */
function localFormatter(): (ms: number | null) => string | null {
  const seen = new Map<number, string>();
  return (ms) => {
    if (ms === null) return null;
    let text = seen.get(ms);
    if (text === undefined) seen.set(ms, (text = shanghaiDateTime(new Date(Number(ms)))));
    return text;
  };
}

@Injectable()
export class BoardService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly mailDelivery: MailDelivery,
    private readonly renders: RenderThreads,
  ) {}

  /** 重发 from the mail log (office): same Message-ID, a new send job, audited. */
  async resendMail(actor: Actor, roundId: string, mailId: string) {
    AccessPolicy.requireOffice(actor);
    return this.mailDelivery.resend(mailId, { roundId, actorUserId: actor.userId });
  }

  async board(actor: Actor, roundId: string, query: BoardPageQuery = {}): Promise<Board> {
    AccessPolicy.requireOffice(actor);
    const now = this.clock.now();
    const offset = query.offset ?? 0;
    const limit = query.limit ?? null;
    const [row] = await this.dataSource.query(BOARD_SQL, [roundId, now, boardFilterStates(query.state), limit, offset]);
    if (!row?.round) throw ConsultationErrors.roundNotFound({ id: roundId });
    const local = localFormatter();
    const nowMs = now.getTime();
    const lines = row.rows ? (row.rows as string).split(RS) : [];
    const recipients: BoardRecipient[] = lines.map((line) => {
      const [unitId, name, kind, state, extended, deadlineText, submittedText, remindedText] = line.split(FS) as [string, string, string, BoardState, string, string, string, string];
      const deadline = Number(deadlineText);
      const submitted = num(submittedText);
      return {
        unitId,
        name,
        kind,
        state,
        label: BOARD_LABEL[state],
        overdue: !REPLIED.has(state) && deadline < nowMs,
        extended: extended === 't',
        late: submitted !== null && submitted > deadline,
        deadlineLocal: local(deadline)!,
        submittedLocal: local(submitted),
        lastRemindedLocal: local(num(remindedText)),
      };
    });
    const counts = row.counts as Record<string, number>;
    const [id, title, status, deadline] = row.round as [string, string, string, number];
    const byState = BOARD_STATES.map(([state, label]) => ({ state, label, count: counts[state] ?? 0 }));
    return {
      round: { id, title, status, deadline: new Date(deadline).toISOString(), deadlineLocal: local(deadline)! },
      asOf: now.toISOString(),
      asOfLocal: shanghaiDateTime(now),
      total: byState.reduce((n, c) => n + c.count, 0),
      counts: byState,
      notRepliedCount: byState.filter((c) => !REPLIED.has(c.state)).reduce((n, c) => n + c.count, 0),
      page: { state: query.state ?? null, offset, limit, matched: row.matched as number },
      recipients,
      notReplied: recipients.filter((r) => !REPLIED.has(r.state)),
    };
  }

  /** 未反馈单位 with whom to call (the board itself stays lean: it is polled every few seconds). */
  async notReplied(actor: Actor, roundId: string): Promise<NotRepliedContactsUnit[]> {
    return (await this.notRepliedWithContacts(actor, roundId)).units;
  }

  private async notRepliedWithContacts(actor: Actor, roundId: string): Promise<{ board: Board; units: NotRepliedContactsUnit[] }> {
    const board = await this.board(actor, roundId, { state: 'not_replied' });
    const books = await unitAddressBooks(this.dataSource.manager, board.notReplied.map((u) => u.unitId));
    return { board, units: board.notReplied.map((u) => ({ ...u, contacts: books.get(u.unitId)?.contacts ?? [] })) };
  }

  /** 未反馈单位 as a spreadsheet, for the office's phone follow-up. */
  async notRepliedXlsx(actor: Actor, roundId: string): Promise<FileDownload> {
    const { board, units } = await this.notRepliedWithContacts(actor, roundId);
    const rows = units.map((u, i) => {
      const people = u.contacts;
      return [
        String(i + 1),
        u.name,
        u.label,
        u.deadlineLocal,
        u.extended ? '是' : '否',
        u.lastRemindedLocal ?? '',
        people.map((c) => c.name).join('；'),
        people.map((c) => c.phone ?? '').filter(Boolean).join('；'),
        people.map((c) => c.email ?? '').filter(Boolean).join('；'),
      ];
    });
    const line = `${board.round.title}：截至 ${board.asOfLocal}（北京时间），共 ${units.length} 个单位未反馈`;
    const buffer = await this.renders.run(NOT_REPLIED_SHEET, 'notRepliedSheetXlsx', line, rows);
    const name = `未反馈单位-${board.asOfLocal.slice(0, 10)}.xlsx`;
    return { fileName: name, asciiName: 'not-replied.xlsx', mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', body: buffer };
  }

  /** 邮件记录: what was sent to whom, when and why. */
  async mails(actor: Actor, roundId: string, query: { unitId?: string; purpose?: string; limit?: number; offset?: number } = {}) {
    AccessPolicy.requireOffice(actor);
    const [exists] = await this.dataSource.query(`SELECT 1 FROM consultation_round WHERE id = $1`, [roundId]);
    if (!exists) throw ConsultationErrors.roundNotFound({ id: roundId });
    const rows: {
      id: string;
      purpose: string;
      unitId: string | null;
      unitName: string | null;
      to: string;
      subject: string;
      status: string;
      attempts: number;
      lastError: string | null;
      failingSince: Date | null;
      messageId: string | null;
      slot: string | null;
      createdAt: Date;
      sentAt: Date | null;
      total: number;
    }[] = await this.dataSource.query(
      `SELECT m.id, m.purpose, m.unit_id AS "unitId", u.short_name AS "unitName", m.to_address AS "to", m.subject, m.status,
              m.attempts, m.last_error AS "lastError", m.failing_since AS "failingSince", m.message_id AS "messageId", m.created_at AS "createdAt", m.sent_at AS "sentAt",
              CASE WHEN m.dedupe_key LIKE 'remind.%' THEN split_part(m.dedupe_key, '.', 4) END AS slot,
              count(*) OVER ()::int AS total
         FROM mail_message m LEFT JOIN unit u ON u.id = m.unit_id
        WHERE m.round_id = $1 AND ($2::uuid IS NULL OR m.unit_id = $2) AND ($3::text IS NULL OR m.purpose = $3)
        ORDER BY m.created_at DESC, m.id
        LIMIT $4 OFFSET $5`,
      [roundId, query.unitId ?? null, query.purpose ?? null, Math.min(query.limit ?? 200, 1000), query.offset ?? 0],
    );
    return {
      total: rows[0]?.total ?? 0,
      mails: rows.map(({ total: _total, ...m }) => ({
        ...m,
        reason: mailReason(m.purpose, m.slot),
        createdLocal: shanghaiDateTime(m.createdAt),
        sentLocal: m.sentAt ? shanghaiDateTime(m.sentAt) : null,
      })),
    };
  }
}
