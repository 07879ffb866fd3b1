import { Injectable, StreamableFile } from '@nestjs/common';
import { AccessPolicy, Actor } from '@zq/access';
import { Clock, notFound } from '@zq/common';
import { shanghaiDateTime } from '@zq/calendar';
import ExcelJS from 'exceljs';
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
  total: number;
  counts: { state: BoardState; label: string; count: number }[];
  recipients: BoardRecipient[];
  notReplied: NotRepliedUnit[];
}

const ms = (col: string) => `(date_part('epoch', ${col}) * 1000)::bigint`;
/** field and row separators of the packed rows (ASCII unit / record separators never occur in names) */
const FS = '\x1f';
const RS = '\x1e';
const RECIPIENTS = `
    FROM round_recipient rr
    JOIN consultation_round c ON c.id = rr.round_id
    CROSS JOIN LATERAL (SELECT coalesce(rr.deadline_override, c.deadline) AS deadline) d
    JOIN unit u ON u.id = rr.unit_id
   WHERE rr.round_id = $1`;
const STATE = boardStateSql('rr', 'd.deadline', '$2');

/**
 * The whole board in one statement: the state of every recipient (overdue derived from its
 * effective deadline and the clock) and the counts by state. At 10,000 recipients building JSON
 * per row cost more than the rest of the query, so rows come packed in one text (separator-
 * delimited fields) that the service splits, names, sorts and formats.
 */
export const BOARD_SQL = `
SELECT
  (SELECT json_build_array(c.id, c.title, c.status, ${ms('c.deadline')}) FROM consultation_round c WHERE c.id = $1) AS round,
  (SELECT coalesce(json_object_agg(g.state, g.n), '{}') FROM (SELECT ${STATE} AS state, count(*)::int AS n ${RECIPIENTS} GROUP BY 1) g) AS counts,
  (SELECT coalesce(string_agg(concat_ws(E'${FS}',
            rr.unit_id, translate(u.short_name, E'${FS}${RS}', '  '), u.kind, ${STATE}, rr.deadline_override IS NOT NULL,
            ${ms('d.deadline')}, coalesce(${ms('rr.submitted_at')}::text, ''), coalesce(${ms('rr.last_reminded_at')}::text, ''), u.sort_order
          ), E'${RS}'), '') ${RECIPIENTS}) AS rows`;

const num = (text: string): number | null => (text === '' ? null : Number(text));
const CITY = 'prefecture_city';
const REPLIED = new Set<BoardState>(['submitted_with_comments', 'submitted_no_comment', 'exempted']);

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
  ) {}

  async board(actor: Actor, roundId: string): Promise<Board> {
    AccessPolicy.requireOffice(actor);
    const now = this.clock.now();
    const [row] = await this.dataSource.query(BOARD_SQL, [roundId, now]);
    if (!row?.round) throw notFound('ROUND_NOT_FOUND', '征求意见轮次不存在', { id: roundId });
    const local = localFormatter();
    const nowMs = now.getTime();
    const lines = row.rows ? (row.rows as string).split(RS) : [];
    const unsorted: BoardRecipient[] = new Array(lines.length);
    // provincial units first, then the cities, each in the directory's order (one numeric key)
    const sortKey = new Float64Array(lines.length);
    lines.forEach((line, i) => {
      const [unitId, name, kind, state, extended, deadlineText, submittedText, remindedText, order] = line.split(FS) as [string, string, string, BoardState, string, string, string, string, string];
      const deadline = Number(deadlineText);
      const submitted = num(submittedText);
      unsorted[i] = {
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
      sortKey[i] = (kind === CITY ? 2 ** 40 : 0) + Number(order);
    });
    const byName = (a: number, b: number) => (unsorted[a].name < unsorted[b].name ? -1 : unsorted[a].name > unsorted[b].name ? 1 : 0);
    const recipients = Array.from(lines.keys())
      .sort((a, b) => sortKey[a] - sortKey[b] || byName(a, b))
      .map((i) => unsorted[i]);
    const notReplied: NotRepliedUnit[] = recipients.filter((r) => !REPLIED.has(r.state));
    const counts = row.counts as Record<string, number>;
    const [id, title, status, deadline] = row.round as [string, string, string, number];
    return {
      round: { id, title, status, deadline: new Date(deadline).toISOString(), deadlineLocal: local(deadline)! },
      asOf: now.toISOString(),
      asOfLocal: shanghaiDateTime(now),
      total: recipients.length,
      counts: BOARD_STATES.map(([state, label]) => ({ state, label, count: counts[state] ?? 0 })),
      recipients,
      notReplied,
    };
  }

  /** 未反馈单位 with whom to call (the board itself stays lean: it is polled every few seconds). */
  async notReplied(actor: Actor, roundId: string): Promise<NotRepliedContactsUnit[]> {
    return (await this.notRepliedWithContacts(actor, roundId)).units;
  }

  private async notRepliedWithContacts(actor: Actor, roundId: string): Promise<{ board: Board; units: NotRepliedContactsUnit[] }> {
    const board = await this.board(actor, roundId);
    const books = await unitAddressBooks(this.dataSource.manager, board.notReplied.map((u) => u.unitId));
    return { board, units: board.notReplied.map((u) => ({ ...u, contacts: books.get(u.unitId)?.contacts ?? [] })) };
  }

  /** 未反馈单位 as a spreadsheet, for the office's phone follow-up. */
  async notRepliedXlsx(actor: Actor, roundId: string): Promise<StreamableFile> {
    const { board, units } = await this.notRepliedWithContacts(actor, roundId);
    const book = new ExcelJS.Workbook();
    book.creator = '征求意见系统';
    const sheet = book.addWorksheet('未反馈单位');
    sheet.columns = [
      { header: '序号', key: 'n', width: 6 },
      { header: '单位', key: 'name', width: 24 },
      { header: '状态', key: 'label', width: 12 },
      { header: '截止时间', key: 'deadline', width: 18 },
      { header: '是否延期', key: 'extended', width: 10 },
      { header: '最近催办', key: 'reminded', width: 18 },
      { header: '联系人', key: 'contact', width: 30 },
      { header: '联系电话', key: 'phone', width: 30 },
      { header: '电子邮箱', key: 'email', width: 36 },
    ];
    sheet.getRow(1).font = { bold: true };
    units.forEach((u, i) => {
      const people = u.contacts;
      sheet.addRow({
        n: i + 1,
        name: u.name,
        label: u.label,
        deadline: u.deadlineLocal,
        extended: u.extended ? '是' : '否',
        reminded: u.lastRemindedLocal ?? '',
        contact: people.map((c) => c.name).join('；'),
        phone: people.map((c) => c.phone ?? '').filter(Boolean).join('；'),
        email: people.map((c) => c.email ?? '').filter(Boolean).join('；'),
      });
    });
    sheet.addRow([]);
    sheet.addRow(['', `${board.round.title}（截至 ${board.asOfLocal}，共 ${board.notReplied.length} 个单位未反馈）`]);
    const buffer = Buffer.from(await book.xlsx.writeBuffer());
    const name = `未反馈单位-${board.asOfLocal.slice(0, 10)}.xlsx`;
    return new StreamableFile(buffer, {
      type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      disposition: `attachment; filename="not-replied.xlsx"; filename*=UTF-8''${encodeURIComponent(name)}`,
      length: buffer.length,
    });
  }

  /** 邮件记录: what was sent to whom, when and why. */
  async mails(actor: Actor, roundId: string, query: { unitId?: string; purpose?: string; limit?: number; offset?: number } = {}) {
    AccessPolicy.requireOffice(actor);
    const [exists] = await this.dataSource.query(`SELECT 1 FROM consultation_round WHERE id = $1`, [roundId]);
    if (!exists) throw notFound('ROUND_NOT_FOUND', '征求意见轮次不存在', { id: roundId });
    const rows: {
      id: string;
      purpose: string;
      slot: string | null;
      createdAt: Date;
      sentAt: Date | null;
      total: number;
    }[] = await this.dataSource.query(
      `SELECT m.id, m.purpose, m.unit_id AS "unitId", u.short_name AS "unitName", m.to_address AS "to", m.subject, m.status,
              m.attempts, m.last_error AS "lastError", m.message_id AS "messageId", m.created_at AS "createdAt", m.sent_at AS "sentAt",
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
