import { Injectable, StreamableFile } from '@nestjs/common';
import { AccessPolicy, Actor } from '@zq/access';
import { Clock, notFound } from '@zq/common';
import { shanghaiDateTime } from '@zq/reminders';
import ExcelJS from 'exceljs';
import { DataSource } from 'typeorm';
import { BOARD_STATES, BoardState, boardLabelSql, boardStateSql } from './recipient-sql';

export interface BoardRecipient {
  recipientId: string;
  unitId: string;
  name: string;
  kind: string;
  state: BoardState;
  label: string;
  overdue: boolean;
  extended: boolean;
  late: boolean;
  deadline: string;
  deadlineLocal: string;
  submittedAt: string | null;
  firstViewedAt: string | null;
  lastRemindedAt: string | null;
  lastRemindedLocal: string | null;
}

export interface NotRepliedUnit {
  unitId: string;
  name: string;
  label: string;
  overdue: boolean;
  extended: boolean;
  deadlineLocal: string;
  lastRemindedLocal: string | null;
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

const local = (col: string) => `to_char(${col} AT TIME ZONE 'Asia/Shanghai', 'YYYY-MM-DD HH24:MI')`;
const ORDER = `(s.kind = 'prefecture_city'), s.sort_order, s.short_name`;

/**
 * The whole board in one statement: the state of every recipient (overdue derived from its
 * effective deadline and the clock), counts by state, and who has not replied with their contacts.
 */
const BOARD_SQL = `
WITH s AS MATERIALIZED (
  SELECT rr.id, rr.unit_id, u.short_name, u.kind, u.sort_order, rr.status, rr.reply_kind,
         coalesce(rr.deadline_override, c.deadline) AS deadline, rr.deadline_override IS NOT NULL AS extended,
         rr.submitted_at, rr.first_viewed_at, rr.last_reminded_at,
         ${boardStateSql('rr', 'coalesce(rr.deadline_override, c.deadline)', '$2')} AS state
    FROM round_recipient rr
    JOIN unit u ON u.id = rr.unit_id
    JOIN consultation_round c ON c.id = rr.round_id
   WHERE rr.round_id = $1
)
SELECT
  (SELECT json_build_object('id', c.id, 'title', c.title, 'status', c.status, 'deadline', c.deadline, 'deadlineLocal', ${local('c.deadline')})
     FROM consultation_round c WHERE c.id = $1) AS round,
  (SELECT coalesce(json_object_agg(g.state, g.n), '{}') FROM (SELECT state, count(*)::int AS n FROM s GROUP BY state) g) AS counts,
  (SELECT coalesce(json_agg(json_build_object(
            'recipientId', s.id, 'unitId', s.unit_id, 'name', s.short_name, 'kind', s.kind,
            'state', s.state, 'label', ${boardLabelSql('s.state')},
            'overdue', s.status NOT IN ('submitted', 'exempted') AND s.deadline < $2,
            'extended', s.extended,
            'late', coalesce(s.submitted_at > s.deadline, false),
            'deadline', s.deadline, 'deadlineLocal', ${local('s.deadline')},
            'submittedAt', s.submitted_at, 'firstViewedAt', s.first_viewed_at,
            'lastRemindedAt', s.last_reminded_at, 'lastRemindedLocal', ${local('s.last_reminded_at')}
          ) ORDER BY ${ORDER}), '[]') FROM s) AS recipients,
  (SELECT coalesce(json_agg(json_build_object(
            'unitId', s.unit_id, 'name', s.short_name, 'label', ${boardLabelSql('s.state')},
            'overdue', s.deadline < $2, 'extended', s.extended,
            'deadlineLocal', ${local('s.deadline')}, 'lastRemindedLocal', ${local('s.last_reminded_at')},
            'contacts', ct.contacts
          ) ORDER BY ${ORDER}), '[]')
     FROM s
     LEFT JOIN LATERAL (
       SELECT coalesce(json_agg(json_build_object('name', x.name, 'phone', x.phone, 'email', x.email) ORDER BY x.sort, x.name), '[]') AS contacts
         FROM (SELECT uc.name, uc.phone, uc.email, 0 AS sort FROM unit_contact uc WHERE uc.unit_id = s.unit_id
               UNION ALL
               SELECT o.short_name || ' ' || uc.name, uc.phone, uc.email, 1 + o.sort_order
                 FROM unit o JOIN unit_contact uc ON uc.unit_id = o.id
                WHERE s.kind = 'prefecture_city' AND o.parent_id = s.unit_id) x
     ) ct ON true
    WHERE s.status NOT IN ('submitted', 'exempted')) AS "notReplied"`;

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
    const counts = row.counts as Record<string, number>;
    return {
      round: row.round,
      asOf: now.toISOString(),
      asOfLocal: shanghaiDateTime(now),
      total: row.recipients.length,
      counts: BOARD_STATES.map(([state, label]) => ({ state, label, count: counts[state] ?? 0 })),
      recipients: row.recipients,
      notReplied: row.notReplied,
    };
  }

  /** 未反馈单位 as a spreadsheet, for the office's phone follow-up. */
  async notRepliedXlsx(actor: Actor, roundId: string): Promise<StreamableFile> {
    const board = await this.board(actor, roundId);
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
    board.notReplied.forEach((u, i) =>
      sheet.addRow({
        n: i + 1,
        name: u.name,
        label: u.label,
        deadline: u.deadlineLocal,
        extended: u.extended ? '是' : '否',
        reminded: u.lastRemindedLocal ?? '',
        contact: u.contacts.map((c) => c.name).join('；'),
        phone: u.contacts.map((c) => c.phone ?? '').filter(Boolean).join('；'),
        email: u.contacts.map((c) => c.email ?? '').filter(Boolean).join('；'),
      }),
    );
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
