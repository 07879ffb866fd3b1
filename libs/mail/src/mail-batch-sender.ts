import { Inject, Injectable, Logger } from '@nestjs/common';
import { metrics } from '@zq/common';
import { JobName, QueueService } from '@zq/jobs';
import { APP_CONFIG, AppConfig } from '@zq/persistence';
import { DataSource } from 'typeorm';
import type { ClaimedMail } from './mail.service';
import { MailTransport } from './mail-transport';
import { SendMailHandler } from './send-mail.handler';

/** sent mails are marked in PostgreSQL this many at a time (one statement) */
const MARK_EVERY = 100;

export interface BatchSendReport {
  sent: number;
  /** failed this time (retried by a send job of their own) or failed for good */
  failed: number;
  /** not tried (the server went down): handed to send jobs, which pause until it is back */
  handedToJobs: number;
}

/**
 * Sends mails a batch composed already claimed (MailService.composeClaimed) straight over the SMTP
 * pool, SMTP_POOL_SIZE × 2 at a time, without a queue job per mail; sent mails are marked in one
 * statement per MARK_EVERY. A mail that fails gets a send job of its own (the same retry rules as any
 * mail); when the server goes down the rest are handed to send jobs, which pause sending. If this
 * process dies, the mails' leases run out and the mail sweep re-sends them (same Message-ID).
 */
@Injectable()
export class MailBatchSender {
  private readonly log = new Logger('Mail');

  constructor(
    private readonly dataSource: DataSource,
    private readonly transport: MailTransport,
    private readonly handler: SendMailHandler,
    private readonly queues: QueueService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async send(mails: ClaimedMail[]): Promise<BatchSendReport> {
    const report: BatchSendReport = { sent: 0, failed: 0, handedToJobs: 0 };
    if (!mails.length) return report;
    const untried: ClaimedMail[] = [];
    const retries: { id: string; attempts: number; until: number }[] = [];
    let done: { id: string; at: Date }[] = [];
    const marking: Promise<void>[] = [];
    const mark = () => {
      if (!done.length) return;
      const rows = done;
      done = [];
      marking.push(
        this.dataSource
          .query(
            `UPDATE mail_message m SET status = 'sent', sent_at = s.at, last_error = NULL, lease_until = NULL, failing_since = NULL
               FROM unnest($1::uuid[], $2::timestamptz[]) AS s(id, at) WHERE m.id = s.id`,
            [rows.map((r) => r.id), rows.map((r) => r.at)],
          )
          .then(
            () => undefined,
            // left 'sending': past the lease the sweep re-sends them under the same Message-ID
            (err: Error) => this.log.warn({ err: err.message, mails: rows.length }, 'could not mark sent mails; the sweep re-sends them after their lease'),
          ),
      );
    };

    // mails with files are read and checked by their own send jobs
    const plain = mails.filter((m) => !m.attachments?.length);
    untried.push(...mails.filter((m) => m.attachments?.length));
    if (await this.transport.pausedUntil()) untried.push(...plain);
    else {
      const mails = plain;
      let next = 0;
      const lanes = Math.min(mails.length, Math.max(1, this.config.smtpPoolSize * 2));
      await Promise.all(
        Array.from({ length: lanes }, async () => {
          while (next < mails.length) {
            const mail = mails[next++];
            if (this.transport.isDown) {
              untried.push(mail);
              continue;
            }
            try {
              await this.handler.transmit(mail, [], { offThread: true });
            } catch (err) {
              report.failed++;
              const outcome = await this.handler.failed(mail.id, mail, err as Error).catch(() => null);
              if (outcome?.status === 'deferred') retries.push({ id: mail.id, attempts: mail.attempts, until: outcome.until });
              continue;
            }
            this.transport.markUp();
            done.push({ id: mail.id, at: new Date() });
            report.sent++;
            metrics.mailsSent.inc({ purpose: mail.purpose });
            this.log.log({ mailId: mail.id, purpose: mail.purpose, messageId: mail.messageId, attempts: mail.attempts }, 'mail sent');
            if (done.length >= MARK_EVERY) mark();
          }
        }),
      );
    }
    mark();
    await Promise.all(marking);
    await this.toJobs(
      untried.map((m) => ({ id: m.id, jobId: `mail.${m.id}`, until: Date.now() })),
      // not tried: the claim is released and its attempt given back
      `status = 'queued', lease_until = NULL, attempts = greatest(0, m.attempts - 1)`,
      `m.status = 'sending'`,
    );
    report.handedToJobs = untried.length;
    await this.toJobs(
      retries.map((r) => ({ id: r.id, jobId: `mail.${r.id}.retry.${r.attempts}`, until: r.until })),
      '',
      `m.status = 'queued'`,
    );
    return report;
  }

  /** Gives mails a send job of their own (the sweep would, later, if this fails). */
  private async toJobs(jobs: { id: string; jobId: string; until: number }[], set: string, where: string): Promise<void> {
    if (!jobs.length) return;
    try {
      await this.dataSource.query(
        `UPDATE mail_message m SET ${set ? `${set}, ` : ''}job_id = j.job_id
           FROM unnest($1::uuid[], $2::text[]) AS j(id, job_id) WHERE m.id = j.id AND ${where}`,
        [jobs.map((j) => j.id), jobs.map((j) => j.jobId)],
      );
      await this.queues.addBulk(jobs.map((j) => ({ name: JobName.SendMail, jobId: j.jobId, payload: { mailId: j.id }, runAt: new Date(j.until) })));
    } catch (err) {
      this.log.warn({ err: (err as Error).message, mails: jobs.length }, 'could not hand mails to send jobs; the mail sweep will');
    }
  }
}
