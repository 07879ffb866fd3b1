import { BeforeApplicationShutdown, Inject, Injectable, Logger } from '@nestjs/common';
import { MailErrors } from './errors';
import { JobName, OutboxService, QUEUE_OF_JOB, QueueService, UnitOfWork } from '@zq/jobs';
import { APP_CONFIG, AppConfig, recordAudit } from '@zq/persistence';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';

/** Job states in which a job is still to run; an 'active' one counts only while the mail's lease holds. */
const WAITING_STATES = ['waiting', 'delayed', 'prioritized', 'waiting-children'] as const;
const BATCH = 5000;

export interface MailSweepReport {
  /** queued, or sending past the lease */
  unfinished: number;
  /** of those, without a live job: given a new one */
  requeued: number;
}

const jobIdOf = (row: { id: string; job_id: string | null }) => row.job_id ?? `mail.${row.id}`;

/**
 * PostgreSQL is the source of truth for mail too: the sweep gives every unfinished mail whose job is
 * gone (Redis flushed or restarted, a job that stalled out, a worker killed mid-send) a new job, and
 * the office may resend a mail from the mail log under the same Message-ID.
 */
@Injectable()
export class MailDelivery implements BeforeApplicationShutdown {
  private readonly log = new Logger('Mail');
  private timer: NodeJS.Timeout | null = null;
  private sweeping: Promise<MailSweepReport> | null = null;

  constructor(
    private readonly dataSource: DataSource,
    private readonly queues: QueueService,
    private readonly outbox: OutboxService,
    private readonly uow: UnitOfWork,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Worker processes: sweep every MAIL_SWEEP_SECONDS. */
  startSweeping(): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.sweep().catch((err) => this.log.warn({ err: err.message }, 'mail sweep failed; next one retries')), this.config.mail.sweepSeconds * 1000);
    this.timer.unref();
  }

  /**
   * Re-queues every mail that is queued (for longer than `graceSeconds`: younger ones are still on
   * their way through the outbox) or sending past its lease, and has no live job. Concurrent sweeps
   * share one run.
   */
  sweep(opts: { graceSeconds?: number } = {}): Promise<MailSweepReport> {
    const grace = opts.graceSeconds ?? Math.max(10, 2 * this.config.outboxSweepSeconds, 2 * this.config.mail.sweepSeconds);
    this.sweeping ??= this.runSweep(grace).finally(() => (this.sweeping = null));
    return this.sweeping;
  }

  private async runSweep(graceSeconds: number): Promise<MailSweepReport> {
    const report: MailSweepReport = { unfinished: 0, requeued: 0 };
    const queue = this.queues.queue(QUEUE_OF_JOB[JobName.SendMail]);
    const waiting = new Set(await queue.getRanges([...WAITING_STATES], 0, -1));
    const active = new Set(await queue.getRanges(['active'], 0, -1));
    let after = new Date(0);
    let afterId = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const rows: { id: string; job_id: string | null; created_at: Date; status: string }[] = await this.dataSource.query(
        `SELECT id, job_id, created_at, status FROM mail_message
          WHERE ((status = 'queued' AND created_at < clock_timestamp() - make_interval(secs => $1))
                 OR (status = 'sending' AND (lease_until IS NULL OR lease_until < clock_timestamp())))
            AND (created_at, id) > ($2, $3)
          ORDER BY created_at, id LIMIT ${BATCH}`,
        [graceSeconds, after, afterId],
      );
      if (!rows.length) break;
      report.unfinished += rows.length;
      // a 'sending' row past its lease: its holder is taken to be dead even if its job still looks active
      const lost = rows.filter((r) => !waiting.has(jobIdOf(r)) && (r.status === 'sending' || !active.has(jobIdOf(r))));
      if (lost.length) {
        const jobs = lost.map((r) => ({ id: r.id, jobId: `mail.${r.id}.${randomUUID().slice(0, 8)}` }));
        await this.dataSource.query(
          `UPDATE mail_message m SET job_id = j.job_id FROM unnest($1::uuid[], $2::text[]) AS j(id, job_id) WHERE m.id = j.id`,
          [jobs.map((j) => j.id), jobs.map((j) => j.jobId)],
        );
        await this.queues.addBulk(jobs.map((j) => ({ name: JobName.SendMail, jobId: j.jobId, payload: { mailId: j.id } })));
        report.requeued += lost.length;
      }
      const last = rows[rows.length - 1];
      after = last.created_at;
      afterId = last.id;
      if (rows.length < BATCH) break;
    }
    if (report.requeued) this.log.warn(report, 'mails without a live job re-queued from PostgreSQL');
    return report;
  }

  /**
   * The office resends a mail that is failed, still queued or stuck sending: same row, same
   * Message-ID (a receiver that already has it de-duplicates), a new job, audited.
   */
  async resend(mailId: string, opts: { roundId?: string; actorUserId: string | null }): Promise<{ id: string; status: 'queued'; messageId: string }> {
    return this.uow.run(async (em) => {
      const [before]: { status: string; lease_until: Date | null; message_id: string; attempts: number; round_id: string | null }[] = await em.query(
        `SELECT status, lease_until, message_id, attempts, round_id FROM mail_message WHERE id = $1 FOR UPDATE`,
        [mailId],
      );
      if (!before || (opts.roundId && before.round_id !== opts.roundId)) throw MailErrors.mailNotFound({ mailId });
      if (before.status === 'sent') throw MailErrors.mailAlreadySent({ mailId });
      if (before.status === 'sending' && before.lease_until && new Date(before.lease_until).getTime() > Date.now())
        throw MailErrors.mailBeingSent({ mailId });
      const jobId = `mail.${mailId}.resend.${randomUUID().slice(0, 8)}`;
      // a resend starts a retry period of its own (the pause check counts from failing_since)
      await em.query(`UPDATE mail_message SET status = 'queued', failing_since = clock_timestamp(), lease_until = NULL, job_id = $2 WHERE id = $1`, [mailId, jobId]);
      await this.outbox.enqueue(em, [{ name: JobName.SendMail, jobId, payload: { mailId } }]);
      await recordAudit(em, {
        actorUserId: opts.actorUserId,
        action: 'mail.resent',
        entityType: 'mail_message',
        entityId: mailId,
        data: { messageId: before.message_id, previousStatus: before.status, attempts: before.attempts, roundId: before.round_id },
      });
      return { id: mailId, status: 'queued' as const, messageId: before.message_id };
    });
  }

  async beforeApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.sweeping?.catch(() => undefined);
  }
}
