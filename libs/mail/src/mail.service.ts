import { Inject, Injectable } from '@nestjs/common';
import { JobName, outboxInsertCte } from '@zq/jobs';
import { APP_CONFIG, AppConfig, SqlParam, sqlParams } from '@zq/persistence';
import { createHash } from 'node:crypto';
import { EntityManager } from 'typeorm';
import type { MailAttachmentRef } from './mail-attachments';
import type { RenderedMail } from './templates/layout';

export interface ComposeMail extends RenderedMail {
  /** deterministic key of the decision that produced this mail (e.g. reminder.<round>.<unit>.<slot>) */
  dedupeKey: string;
  purpose: string;
  to: string;
  toName?: string;
  roundId?: string | null;
  unitId?: string | null;
  /** files to send with it, by reference: the row stays small, the bytes are read when it is sent */
  attachments?: MailAttachmentRef[];
}

export const messageIdFor = (dedupeKey: string) =>
  `<${createHash('sha256').update(dedupeKey).digest('hex').slice(0, 32)}@zhengqiu-yijian.local>`;

/** A mail composed already claimed for sending by its composer (see MailService.composeClaimed). */
export interface ClaimedMail {
  id: string;
  toAddress: string;
  toName: string;
  subject: string;
  textBody: string;
  htmlBody: string | null;
  messageId: string;
  purpose: string;
  attempts: number;
  claimedAt: Date;
  attachments: MailAttachmentRef[];
}

/**
 * Decide-and-render: rows written in the caller's transaction with their send jobs in the outbox (jobs'
 * table, written through outboxInsertCte); the send happens after commit.
 */
@Injectable()
export class MailService {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  /** Returns the ids of mails newly composed (a dedupeKey seen before composes nothing). */
  async compose(em: EntityManager, mails: ComposeMail[], now = new Date()): Promise<string[]> {
    const ids: string[] = [];
    for (let i = 0; i < mails.length; i += MAILS_PER_STATEMENT) {
      const params: unknown[] = [];
      const ctes = this.composeCtes(mails.slice(i, i + MAILS_PER_STATEMENT), sqlParams(params), { now });
      const rows: { id: string }[] = await em.query(`WITH ${ctes.sql} SELECT id FROM ${ctes.ids}`, params);
      ids.push(...rows.map((r) => r.id));
    }
    return ids;
  }

  /**
   * compose() as part of a statement of the caller's: the mail rows and their send jobs as CTEs for its
   * `WITH`, so what a mail is about and the mail are written in one statement. `when` (SQL, optional)
   * guards the insert: no mail and no job unless it holds. At most MAILS_PER_STATEMENT mails.
   */
  composeCtes(mails: ComposeMail[], param: SqlParam, opts: { now?: Date; when?: string } = {}): ComposeCtes {
    if (mails.length > MAILS_PER_STATEMENT) throw new RangeError(`at most ${MAILS_PER_STATEMENT} mails per statement`);
    const jobs = outboxInsertCte('mail_jobs', JobName.SendMail, 'mail_new', {
      jobId: `'mail.' || id`,
      payload: `jsonb_build_object('mailId', id)`,
      availableAt: `${param(opts.now ?? new Date())}::timestamptz`,
    });
    return { sql: `mail_new AS (${this.insertSql(mails, param, false, opts.when)}), ${jobs}`, ids: 'mail_new' };
  }

  /**
   * Composes mails already claimed for sending by the caller (a batch that sends them itself over
   * MailBatchSender right after its commit): written as 'sending' with a lease (MAIL_LEASE_SECONDS)
   * and no send job. If the caller dies before they are sent, the lease runs out and the mail sweep
   * gives each a job (same Message-ID), exactly as for a worker killed mid-send.
   */
  async composeClaimed(em: EntityManager, mails: ComposeMail[]): Promise<ClaimedMail[]> {
    const inserted = await this.insert(em, mails, true);
    // the bodies are the caller's: only what the statement decided comes back
    const byKey = new Map(mails.map((m) => [m.dedupeKey, m]));
    return inserted.map((r) => {
      const m = byKey.get(r.dedupe_key)!;
      return {
        id: r.id,
        toAddress: m.to,
        toName: m.toName ?? '',
        subject: m.subject,
        textBody: m.text,
        htmlBody: m.html ?? null,
        messageId: messageIdFor(m.dedupeKey),
        purpose: m.purpose,
        attempts: r.attempts,
        claimedAt: r.claimed_at,
        attachments: m.attachments ?? [],
      };
    });
  }

  private async insert(em: EntityManager, mails: ComposeMail[], claimed: boolean): Promise<{ id: string; dedupe_key: string; attempts: number; claimed_at: Date }[]> {
    const out: { id: string; dedupe_key: string; attempts: number; claimed_at: Date }[] = [];
    for (let i = 0; i < mails.length; i += MAILS_PER_STATEMENT) {
      const params: unknown[] = [];
      const sql = this.insertSql(mails.slice(i, i + MAILS_PER_STATEMENT), sqlParams(params), claimed);
      out.push(...(await em.query(sql, params)));
    }
    return out;
  }

  /** The INSERT of mail rows, as one JSON parameter (no per-row bind work); a dedupe key seen before is skipped. */
  private insertSql(mails: ComposeMail[], param: SqlParam, claimed: boolean, when?: string): string {
    const rows = mails.map((m) => ({
      dedupe_key: m.dedupeKey,
      purpose: m.purpose,
      round_id: m.roundId ?? null,
      unit_id: m.unitId ?? null,
      to_address: m.to,
      to_name: m.toName ?? '',
      subject: m.subject,
      text_body: m.text,
      html_body: m.html,
      message_id: messageIdFor(m.dedupeKey),
      attachments: m.attachments ?? [],
    }));
    // claimed: 'sending' under a lease from the statement's clock, one attempt counted (as a send job's claim does)
    const status = claimed
      ? `'sending', 1, clock_timestamp(), clock_timestamp() + make_interval(secs => ${param(this.config.mail.leaseSeconds)}::int)`
      : `'queued', 0, NULL::timestamptz, NULL::timestamptz`;
    return `INSERT INTO mail_message (dedupe_key, purpose, round_id, unit_id, to_address, to_name, subject, text_body, html_body, message_id, attachments,
                                 status, attempts, claimed_at, lease_until)
       SELECT t.dedupe_key, t.purpose, t.round_id, t.unit_id, t.to_address, t.to_name, t.subject, t.text_body, t.html_body, t.message_id, t.attachments,
              ${status}
         FROM json_to_recordset(${param(JSON.stringify(rows))}::json) AS t(dedupe_key text, purpose text, round_id uuid, unit_id uuid, to_address text,
              to_name text, subject text, text_body text, html_body text, message_id text, attachments jsonb)
        ${when ? `WHERE ${when}` : ''}
       ON CONFLICT DO NOTHING
       RETURNING id${claimed ? ', dedupe_key, attempts, claimed_at' : ''}`;
  }
}

/** mails written by one statement */
export const MAILS_PER_STATEMENT = 2000;

/** What composeCtes gives: the CTEs, and the name of the one holding the ids of the mails newly composed. */
export interface ComposeCtes {
  sql: string;
  ids: string;
}
