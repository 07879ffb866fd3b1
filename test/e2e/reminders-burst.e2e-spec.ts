import { ManualClock } from '@zq/common';
import { QueueName, QueueService, UnitOfWork } from '@zq/jobs';
import { MailDelivery, MailService } from '@zq/mail';
import { ReminderQueue } from '@zq/reminders';
import { Client } from 'pg';
import { launchReferenceRound, LETTER_DAY, received, settle } from '../support/round-factories';
import { describeOnRedis } from '../support/services';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * A burst (50 or more reminders due at one instant) is handed to the queue as one batch job and no
 * job per reminder; the batch job sends the mails it composes over the SMTP pool itself, without a
 * send job per mail; rows whose recipient a writer holds get their own jobs; a mail composed claimed
 * whose sender died is re-sent once by the mail sweep after its lease.
 */
describeOnRedis('a burst of reminders: one batch job, mails sent by the batch, exactly once', () => {
  const clock = new ManualClock(LETTER_DAY);
  let t: TestApp;
  let office: string;
  let roundId: string;

  beforeAll(async () => {
    t = await startTestApp('reminders-burst', { clock, env: { REMINDER_BATCH_SIZE: '20' } });
    office = await t.login('admin');
    roundId = await launchReferenceRound(t, office);
    await settle(t, roundId, clock.now());
  });
  afterAll(async () => {
    await t?.close();
  });

  it('hands a burst over as one batch job, which sends every mail once without a job per reminder or per mail; held recipients get their own jobs', async () => {
    // two extra steps for each of the 34 recipients, all due at one instant five minutes from now
    const dueAt = new Date(clock.now().getTime() + 5 * 60_000);
    const rows: { id: string; recipient_id: string }[] = await t.dataSource.query(
      `INSERT INTO reminder (round_id, recipient_id, unit_id, slot, generation, kind, due_at)
       SELECT round_id, id, unit_id, s.slot, 5, 'before_deadline', $2 FROM round_recipient, (VALUES ('burst-a'), ('burst-b')) AS s(slot)
        WHERE round_id = $1
       RETURNING id, recipient_id`,
      [roundId, dueAt],
    );
    expect(rows).toHaveLength(68);
    const reminders = t.app.get(ReminderQueue);
    await reminders.settled();
    const queue = t.app.get(QueueService).queue(QueueName.Reminders);
    const jobs = await queue.getJobs(['delayed', 'waiting']);
    const burstJob = `remind-burst.${dueAt.getTime()}`;
    expect(jobs.map((j) => j.id)).toContain(burstJob);
    const rowJobs = new Set(rows.map((r) => `remind.${r.id}`));
    expect(jobs.filter((j) => rowJobs.has(String(j.id)))).toHaveLength(0);

    // a writer holds three recipients while the burst runs
    const blocker = new Client({ connectionString: t.runtime.databaseUrl });
    await blocker.connect();
    const held = [...new Set(rows.map((r) => r.recipient_id))].slice(0, 3);
    const mailJobsBefore = await t.app.get(QueueService).queue(QueueName.Mail).getJobCountByTypes('completed', 'waiting', 'active', 'delayed');
    try {
      await blocker.query('BEGIN');
      await blocker.query(`SELECT id FROM round_recipient WHERE id = ANY($1::uuid[]) FOR UPDATE`, [held]);
      clock.set(dueAt);
      await (await queue.getJob(burstJob))!.promote();
      await waitFor(async () => (await statuses(rows)).sent === 68 - 2 * held.length, 20_000);
      // the rows left out have their own jobs now, waiting for the lock
      const leftOut = rows.filter((r) => held.includes(r.recipient_id)).map((r) => `remind.${r.id}`);
      await waitFor(async () => (await Promise.all(leftOut.map((id) => queue.getJobState(id)))).every((s) => s !== 'unknown'));
      expect((await statuses(rows)).sent).toBe(68 - 2 * held.length);
    } finally {
      await blocker.query('ROLLBACK').catch(() => undefined);
      await blocker.end();
    }
    await waitFor(async () => (await statuses(rows)).sent === 68, 20_000);
    await settle(t, roundId, clock.now());

    const mails: { message_id: string; job_id: string | null; status: string }[] = await t.dataSource.query(
      `SELECT m.message_id, m.job_id, m.status FROM reminder r JOIN mail_message m ON m.id = r.mail_id WHERE r.id = ANY($1::bigint[])`,
      [rows.map((r) => r.id)],
    );
    expect(mails).toHaveLength(68);
    expect(mails.every((m) => m.status === 'sent')).toBe(true);
    const wanted = new Set(mails.map((m) => m.message_id));
    const got = received(t, 'reminder').filter((m) => wanted.has(m.messageId ?? ''));
    expect(got).toHaveLength(68);
    expect(new Set(got.map((m) => m.messageId)).size).toBe(68);
    // the 62 mails the batch sent had no send job (the 6 of the held recipients went through their own jobs)
    const [{ n }] = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM outbox o JOIN mail_message m ON o.job_id = 'mail.' || m.id WHERE m.message_id = ANY($1::text[])`,
      [[...wanted]],
    );
    expect(n).toBe(2 * held.length);
    const mailJobsAfter = await t.app.get(QueueService).queue(QueueName.Mail).getJobCountByTypes('completed', 'waiting', 'active', 'delayed');
    expect(mailJobsAfter - mailJobsBefore).toBe(2 * held.length);
    const [{ audits }] = await t.dataSource.query(
      `SELECT count(*)::int AS audits FROM audit_event WHERE action = 'reminder.sent' AND entity_id = ANY($1::text[])`,
      [rows.map((r) => String(r.id))],
    );
    expect(audits).toBe(68);
  });

  it('re-sends once, under the same Message-ID, the mails a batch composed claimed when its sender died before sending them', async () => {
    const mails = Array.from({ length: 30 }, (_, i) => ({
      dedupeKey: `burst-crash.${i}`,
      purpose: 'reminder',
      to: `crash${i}@example.org`,
      subject: `【催办】崩溃测试 ${i}`,
      text: `正文 ${i}`,
      html: `<p>正文 ${i}</p>`,
      roundId,
    }));
    // composed claimed and committed; the process "dies" before MailBatchSender.send
    const claimed = await t.app.get(UnitOfWork).run((em) => t.app.get(MailService).composeClaimed(em, mails));
    expect(claimed).toHaveLength(30);
    const delivery = t.app.get(MailDelivery);
    // within the lease nobody else sends them
    expect((await delivery.sweep({ graceSeconds: 0 })).requeued).toBe(0);
    await t.dataSource.query(`UPDATE mail_message SET lease_until = now() - interval '1 second' WHERE id = ANY($1::uuid[])`, [claimed.map((m) => m.id)]);
    expect((await delivery.sweep({ graceSeconds: 0 })).requeued).toBe(30);
    await waitFor(async () => {
      const [{ sent }] = await t.dataSource.query(`SELECT count(*)::int AS sent FROM mail_message WHERE id = ANY($1::uuid[]) AND status = 'sent'`, [claimed.map((m) => m.id)]);
      return sent === 30;
    });
    const ids = new Set(claimed.map((m) => m.messageId));
    await waitFor(async () => t.smtp.messages.filter((m) => ids.has(m.messageId ?? '')).length >= 30);
    await new Promise((r) => setTimeout(r, 500));
    expect(t.smtp.messages.filter((m) => ids.has(m.messageId ?? ''))).toHaveLength(30);
  });

  const statuses = async (rows: { id: string }[]) => {
    const [{ sent }] = await t.dataSource.query(`SELECT count(*) FILTER (WHERE status = 'sent')::int AS sent FROM reminder WHERE id = ANY($1::bigint[])`, [rows.map((r) => r.id)]);
    return { sent: sent as number };
  };
});

async function waitFor(check: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error('condition not reached in time');
    await new Promise((r) => setTimeout(r, 25));
  }
}
