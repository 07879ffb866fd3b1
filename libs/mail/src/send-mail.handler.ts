import { Inject, Injectable, Logger, Optional } from '@nestjs/common';
import { metrics } from '@zq/common';
import { HandlesJob, JobHandler, JobName, JobOutcome } from '@zq/jobs';
import { APP_CONFIG, AppConfig } from '@zq/persistence';
import { DataSource } from 'typeorm';
import { attachmentProblem, MailAttachmentRef, MailAttachmentStore } from './mail-attachments';
import { classifySendError, MailTransport, OutgoingMail, SendFailure } from './mail-transport';
import type { ClaimedMail as ComposedClaimed } from './mail.service';

type ClaimedMail = Omit<ComposedClaimed, 'id'>;

/** Attachment bytes kept between sends, by SHA-256 (the letter of a round goes to every unit with the same files). */
const CACHE_BYTES = 64 * 1024 * 1024;

/** Capped exponential backoff with jitter: 2 s, 4 s, 8 s … up to MAIL_RETRY_MAX_DELAY_SECONDS. */
export function retryDelayMs(attempts: number, maxDelaySeconds: number): number {
  const base = Math.min(maxDelaySeconds * 1000, 2000 * 2 ** Math.min(30, Math.max(0, attempts - 1)));
  return Math.round(base * (0.8 + Math.random() * 0.4));
}

/**
 * Sends one mail_message row. PostgreSQL holds the truth: a claim ('sending') carries a lease, and a
 * row left 'sending' past its lease is sent again by whoever finds it, with the same Message-ID
 * (receivers de-duplicate on it). Failures are retried with capped backoff for MAIL_RETRY_HOURS,
 * then the mail is 'failed' (the office sees it on the mail log and may resend it). While the SMTP
 * server is down, sending pauses instead of spending attempts.
 */
@Injectable()
@HandlesJob(JobName.SendMail)
export class SendMailHandler implements JobHandler<{ mailId: string }> {
  private readonly log = new Logger('Mail');

  constructor(
    private readonly dataSource: DataSource,
    private readonly transport: MailTransport,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Optional() private readonly attachmentStore?: MailAttachmentStore,
  ) {}

  private readonly cache = new Map<string, Buffer>();
  private cachedBytes = 0;

  /** The mail's files, read from their store and checked against the SHA-256 recorded when it was composed. */
  private async attachmentsOf(refs: MailAttachmentRef[]): Promise<{ files: NonNullable<OutgoingMail['attachments']> } | { problem: string }> {
    if (!refs.length) return { files: [] };
    if (!this.attachmentStore) return { problem: '没有可读取邮件附件的存储' };
    const bytes = new Map<string, Buffer>();
    for (const r of refs) if (this.cache.has(r.sha256)) bytes.set(r.sha256, this.cache.get(r.sha256)!);
    const missing = refs.filter((r) => !bytes.has(r.sha256));
    const read = missing.length ? await this.attachmentStore.read(missing) : [];
    const problem = attachmentProblem(missing, read);
    if (problem) return { problem };
    missing.forEach((r, i) => (bytes.set(r.sha256, read[i]!), this.remember(r.sha256, read[i]!)));
    return { files: refs.map((r) => ({ filename: r.filename, contentType: r.contentType, content: bytes.get(r.sha256)! })) };
  }

  private remember(sha256: string, content: Buffer): void {
    if (content.length > CACHE_BYTES / 4 || this.cache.has(sha256)) return;
    this.cache.set(sha256, content);
    this.cachedBytes += content.length;
    for (const [key, value] of this.cache) {
      if (this.cachedBytes <= CACHE_BYTES) break;
      this.cache.delete(key);
      this.cachedBytes -= value.length;
    }
  }

  async handle({ mailId }: { mailId: string }): Promise<JobOutcome> {
    const paused = await this.transport.pausedUntil();
    if (paused) {
      // a pause spends no attempts, but the retry period still runs out (counted from the first failure,
      // from the office's resend, or from when the mail was queued)
      const expired = await this.dataSource.query(
        `UPDATE mail_message SET status = 'failed', last_error = coalesce(last_error, '邮件服务器无法连接')
          WHERE id = $1 AND status = 'queued' AND coalesce(failing_since, created_at) < clock_timestamp() - make_interval(secs => $2)
          RETURNING id`,
        [mailId, this.config.mail.retryHours * 3600],
      ).then((r) => returnedRows<{ id: string }>(r));
      if (expired.length) {
        this.log.error({ mailId }, 'mail failed for good (server unreachable for the whole retry period); the office can resend it from the mail log');
        return { status: 'done', detail: 'failed' };
      }
      // spread the waiting mails over a second so they do not all hit the server at the same instant
      return { status: 'deferred', until: paused + Math.random() * 1000, reason: 'mail server unreachable; sending paused' };
    }

    const rows: ClaimedMail[] = await this.dataSource.query(
      `UPDATE mail_message
          SET status = 'sending', claimed_at = clock_timestamp(), attempts = attempts + 1,
              lease_until = clock_timestamp() + make_interval(secs => $2)
        WHERE id = $1 AND (status = 'queued' OR (status = 'sending' AND (lease_until IS NULL OR lease_until < clock_timestamp())))
        RETURNING to_address AS "toAddress", to_name AS "toName", subject, text_body AS "textBody", html_body AS "htmlBody",
                  message_id AS "messageId", purpose, attempts, claimed_at AS "claimedAt", attachments`,
      [mailId, this.config.mail.leaseSeconds],
    ).then((r) => returnedRows<ClaimedMail>(r));
    const mail = rows[0];
    if (!mail) return this.notClaimed(mailId);

    let files: NonNullable<OutgoingMail['attachments']>;
    try {
      const got = await this.attachmentsOf(mail.attachments ?? []);
      // a file gone or changed will not come back: the mail fails for good, named in the mail log
      if ('problem' in got) return this.failed(mailId, mail, { message: got.problem }, 'permanent');
      files = got.files;
    } catch (err) {
      return this.failed(mailId, mail, err as Error, 'transient');
    }
    try {
      await this.transmit(mail, files);
    } catch (err) {
      return this.failed(mailId, mail, err);
    }
    this.transport.markUp();
    await this.dataSource.query(
      `UPDATE mail_message SET status = 'sent', sent_at = clock_timestamp(), last_error = NULL, lease_until = NULL, failing_since = NULL WHERE id = $1`,
      [mailId],
    );
    metrics.mailsSent.inc({ purpose: mail.purpose });
    this.log.log({ mailId, purpose: mail.purpose, messageId: mail.messageId, attempts: mail.attempts }, 'mail sent');
    return { status: 'done' };
  }

  /** Hands one claimed mail to the SMTP server (throws what nodemailer throws). */
  transmit(mail: ClaimedMail, files: NonNullable<OutgoingMail['attachments']> = [], opts: { offThread?: boolean } = {}): Promise<void> {
    return this.transport[opts.offThread ? 'sendOffThread' : 'send']({
      to: mail.toAddress,
      toName: mail.toName,
      subject: mail.subject,
      text: mail.textBody,
      html: mail.htmlBody,
      messageId: mail.messageId,
      headers: { 'X-ZQ-Purpose': mail.purpose },
      attachments: files,
    });
  }

  /** Someone else holds it (wait for their lease: they may die), or it is finished. */
  private async notClaimed(mailId: string): Promise<JobOutcome> {
    const [row]: { status: string; lease_until: Date | null }[] = await this.dataSource.query(`SELECT status, lease_until FROM mail_message WHERE id = $1`, [mailId]);
    if (!row) return { status: 'skipped', reason: 'no such mail' };
    if (row.status === 'sending' && row.lease_until) return { status: 'deferred', until: new Date(row.lease_until).getTime() + 500, reason: 'another worker holds the claim' };
    return { status: 'skipped', reason: `already ${row.status}` };
  }

  /** Records a failed send of a claimed mail: retried later ('deferred', back to 'queued') or failed for good. */
  async failed(
    mailId: string,
    mail: ClaimedMail,
    err: { message?: string; code?: string; responseCode?: number; command?: string },
    known?: SendFailure,
  ): Promise<JobOutcome> {
    const kind = known ?? classifySendError(err);
    metrics.mailsFailed.inc({ purpose: mail.purpose });
    if (kind === 'transport_down') this.transport.markDown();
    const message = String(err.message ?? err).slice(0, 2000);
    // only the claimant records the outcome (each claim counts an attempt; a lease that ran out may have been taken over)
    const [row]: { status: string }[] = await this.dataSource.query(
      `UPDATE mail_message
          SET failing_since = coalesce(failing_since, claimed_at), last_error = $3, lease_until = NULL,
              status = CASE WHEN $4 OR coalesce(failing_since, claimed_at) < clock_timestamp() - make_interval(secs => $5) THEN 'failed' ELSE 'queued' END
        WHERE id = $1 AND status = 'sending' AND attempts = $2
        RETURNING status`,
      [mailId, mail.attempts, message, kind === 'permanent', this.config.mail.retryHours * 3600],
    ).then((r) => returnedRows<{ status: string }>(r));
    if (!row) return { status: 'skipped', reason: 'claim taken over after its lease ran out' };
    if (row.status === 'failed') {
      this.log.error({ mailId, messageId: mail.messageId, attempts: mail.attempts, err: message, kind }, 'mail failed for good; the office can resend it from the mail log');
      return { status: 'done', detail: 'failed' };
    }
    this.log.warn({ mailId, purpose: mail.purpose, attempts: mail.attempts, err: message, kind }, 'mail failed; will retry');
    return { status: 'deferred', until: Date.now() + retryDelayMs(mail.attempts, this.config.mail.maxDelaySeconds), reason: kind };
  }
}

/** pg answers an UPDATE … RETURNING through TypeORM as [rows, count]. */
function returnedRows<T>(r: [T[], number] | T[]): T[] {
  return Array.isArray(r[0]) ? (r[0] as T[]) : (r as T[]);
}
