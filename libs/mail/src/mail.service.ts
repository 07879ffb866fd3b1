import { Inject, Injectable } from '@nestjs/common';
import { JobName, OutboxService } from '@zq/jobs';
import { APP_CONFIG, AppConfig } from '@zq/persistence';
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

/** Decide-and-render: rows written in the caller's transaction; the send happens after commit. */
@Injectable()
export class MailService {
  constructor(
    private readonly outbox: OutboxService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Returns the ids of mails newly composed (a dedupeKey seen before composes nothing). */
  async compose(em: EntityManager, mails: ComposeMail[], now = new Date()): Promise<string[]> {
    const ids = (await this.insert(em, mails, false)).map((r) => r.id);
    await this.outbox.enqueue(
      em,
      ids.map((id) => ({ name: JobName.SendMail, jobId: `mail.${id}`, payload: { mailId: id } })),
      now,
    );
    return ids;
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
    for (let i = 0; i < mails.length; i += 2000) {
      const rows = mails.slice(i, i + 2000).map((m) => ({
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
      // one statement per 2,000 mails, the rows as one JSON parameter; a dedupe key seen before is skipped
      // claimed: 'sending' under a lease from the statement's clock, one attempt counted (as a send job's claim does)
      const inserted: { id: string; dedupe_key: string; attempts: number; claimed_at: Date }[] = await em.query(
        `INSERT INTO mail_message (dedupe_key, purpose, round_id, unit_id, to_address, to_name, subject, text_body, html_body, message_id, attachments,
                                   status, attempts, claimed_at, lease_until)
         SELECT t.dedupe_key, t.purpose, t.round_id, t.unit_id, t.to_address, t.to_name, t.subject, t.text_body, t.html_body, t.message_id, t.attachments,
                CASE WHEN $2 THEN 'sending' ELSE 'queued' END, CASE WHEN $2 THEN 1 ELSE 0 END,
                CASE WHEN $2 THEN clock_timestamp() END, CASE WHEN $2 THEN clock_timestamp() + make_interval(secs => $3) END
           FROM json_to_recordset($1::json) AS t(dedupe_key text, purpose text, round_id uuid, unit_id uuid, to_address text, to_name text,
                subject text, text_body text, html_body text, message_id text, attachments jsonb)
         ON CONFLICT DO NOTHING
         RETURNING id${claimed ? ', dedupe_key, attempts, claimed_at' : ''}`,
        [JSON.stringify(rows), claimed, this.config.mail.leaseSeconds],
      );
      out.push(...inserted);
    }
    return out;
  }
}
