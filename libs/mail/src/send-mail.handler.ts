import { Injectable, Logger } from '@nestjs/common';
import { HandlesJob, JobHandler, JobName, JobOutcome } from '@zq/jobs';
import { DataSource } from 'typeorm';
import { MailMessage } from './mail-message.entity';
import { MailTransport } from './mail-transport';

/** A claim older than this is taken to be from a worker that died mid-send. */
const STALE_CLAIM_SECONDS = 120;

@Injectable()
@HandlesJob(JobName.SendMail)
export class SendMailHandler implements JobHandler<{ mailId: string }> {
  private readonly log = new Logger('Mail');

  constructor(
    private readonly dataSource: DataSource,
    private readonly transport: MailTransport,
  ) {}

  async handle({ mailId }: { mailId: string }): Promise<JobOutcome> {
    // The claim: only one worker moves a mail to 'sending'; a sent mail is never claimed again.
    const claimed: MailMessage[] = await this.dataSource.query(
      `UPDATE mail_message SET status = 'sending', claimed_at = now(), attempts = attempts + 1
        WHERE id = $1 AND (status IN ('queued', 'failed')
              OR (status = 'sending' AND claimed_at < now() - make_interval(secs => $2)))
        RETURNING id, to_address AS "toAddress", to_name AS "toName", subject, text_body AS "textBody",
                  html_body AS "htmlBody", message_id AS "messageId", purpose`,
      [mailId, STALE_CLAIM_SECONDS],
    ).then((r: [MailMessage[], number] | MailMessage[]) => (Array.isArray(r[0]) ? (r[0] as MailMessage[]) : (r as MailMessage[])));
    const mail = claimed[0];
    if (!mail) return { status: 'skipped', reason: 'already sent or being sent' };
    try {
      await this.transport.send({
        to: mail.toAddress,
        toName: mail.toName,
        subject: mail.subject,
        text: mail.textBody,
        html: mail.htmlBody,
        messageId: mail.messageId,
        headers: { 'X-ZQ-Purpose': mail.purpose },
      });
    } catch (err) {
      await this.dataSource.query(`UPDATE mail_message SET status = 'failed', last_error = $2 WHERE id = $1`, [mailId, String(err.message ?? err)]);
      this.log.warn({ mailId, err: err.message }, 'send failed; will retry');
      throw err;
    }
    await this.dataSource.query(`UPDATE mail_message SET status = 'sent', sent_at = now(), last_error = NULL WHERE id = $1`, [mailId]);
    return { status: 'done' };
  }
}
