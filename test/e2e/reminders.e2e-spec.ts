import { ManualClock } from '@zq/common';
import { FireDueRemindersHandler, FireReminderHandler, ReminderQueue } from '@zq/reminders';
import { QueueName, QueueService } from '@zq/jobs';
import type { Worker } from 'bullmq';
import { Client } from 'pg';
import {
  addressesOf,
  at,
  fireDueReminders,
  flushQueueKeys,
  launchReferenceRound,
  LETTER_DAY,
  pendingReminderJobs,
  received,
  settle,
} from '../support/round-factories';
import { describeOnRedis } from '../support/services';
import { startTestApp, TestApp } from '../support/test-app';

/** 催办 exactly once: duplicate runs, a lost Redis, and a worker stopped in the middle of a batch. */
// Redis-only: it flushes Redis under the app and kills workers holding Redis locks; the PostgreSQL
// backend has its own suite (reminders-postgres-queue.e2e-spec.ts)
describeOnRedis('reminders are sent exactly once', () => {
  const clock = new ManualClock(LETTER_DAY);
  let t: TestApp;
  let office: string;
  let roundId: string;
  let queues: QueueService;
  const workerOpts = { lockDuration: 1500, stalledInterval: 500 };

  const remindersBySlot = async (slot: string) =>
    (await t.dataSource.query(
      `SELECT r.unit_id AS "unitId", r.status, m.to_address AS "to" FROM reminder r LEFT JOIN mail_message m ON m.id = r.mail_id
        WHERE r.round_id = $1 AND r.slot = $2 AND r.generation = 0`,
      [roundId, slot],
    )) as { unitId: string; status: string; to: string | null }[];

  /** every recipient's contact addresses got exactly one reminder mail of this slot */
  const expectOneMailEach = async (slot: string) => {
    const rows = await remindersBySlot(slot);
    expect(rows.filter((r) => r.status === 'sent')).toHaveLength(34);
    const ids: { message_id: string }[] = await t.dataSource.query(
      `SELECT message_id FROM mail_message WHERE round_id = $1 AND dedupe_key LIKE $2`,
      [roundId, `remind.%.${slot}.g0`],
    );
    expect(ids).toHaveLength(34);
    const wanted = new Set(ids.map((m) => m.message_id));
    const mails = received(t, 'reminder').filter((m) => wanted.has(m.messageId ?? ''));
    expect(mails).toHaveLength(34);
    const addresses = addressesOf(mails);
    expect(new Set(addresses).size).toBe(addresses.length);
    expect(addresses).toHaveLength(23 + 11 * 3);
  };

  beforeAll(async () => {
    t = await startTestApp('reminders', { clock, env: { REMINDER_BATCH_SIZE: '10' } });
    office = await t.login('admin');
    queues = t.app.get(QueueService);
    // short locks, as BullMQ tests crashes: an abandoned job is retried within two seconds
    await queues.stopWorkers();
    await queues.startWorkers(workerOpts);
    roundId = await launchReferenceRound(t, office);
    await settle(t, roundId, clock.now());
  });
  afterAll(async () => {
    await t?.close();
  });

  it('queues only the reminders due within the horizon; the rest wait in PostgreSQL until they come near', async () => {
    const [{ scheduled }] = await t.dataSource.query(`SELECT count(*)::int AS scheduled FROM reminder WHERE round_id = $1 AND status = 'scheduled'`, [roundId]);
    expect(scheduled).toBe(34 * 7);
    expect(await pendingReminderJobs(t)).toBe(0);
    const reminders = t.app.get(ReminderQueue);
    clock.set(at('2023-05-18 08:29'));
    await reminders.settled();
    expect(await pendingReminderJobs(t)).toBe(0);
    // 30 minutes (REMINDER_HORIZON_MINUTES) before the before-3 step its jobs are handed over, once
    clock.set(at('2023-05-18 08:31'));
    await reminders.settled();
    await reminders.settled();
    expect(await pendingReminderJobs(t)).toBe(34);
    const [{ handed }] = await t.dataSource.query(
      `SELECT count(*)::int AS handed FROM reminder WHERE round_id = $1 AND enqueued_at IS NOT NULL`,
      [roundId],
    );
    expect(handed).toBe(34);
  });

  it('fires a reminder once when its job runs three times at once', async () => {
    clock.set(at('2023-05-18 09:00'));
    const [row] = await t.dataSource.query(`SELECT id FROM reminder WHERE round_id = $1 AND slot = 'before-3' ORDER BY id LIMIT 1`, [roundId]);
    const handler = t.app.get(FireReminderHandler);
    const outcomes = await Promise.all([1, 2, 3].map(() => handler.handle({ reminderId: row.id })));
    expect(outcomes.filter((o) => o.status === 'done')).toHaveLength(1);
    expect(outcomes.filter((o) => o.status === 'skipped')).toEqual([
      { status: 'skipped', reason: 'already sent' },
      { status: 'skipped', reason: 'already sent' },
    ]);
    const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM mail_message WHERE round_id = $1 AND purpose = 'reminder'`, [roundId]);
    expect(n).toBe(1);
  });

  it('does not fire a reminder before the clock reaches it and leaves it scheduled', async () => {
    const [row] = await t.dataSource.query(`SELECT id FROM reminder WHERE round_id = $1 AND slot = 'before-1' ORDER BY id LIMIT 1`, [roundId]);
    const outcome = await t.app.get(FireReminderHandler).handle({ reminderId: row.id });
    expect(outcome).toEqual({ status: 'skipped', reason: 'not due yet' });
    const [{ status }] = await t.dataSource.query(`SELECT status FROM reminder WHERE id = $1`, [row.id]);
    expect(status).toBe('scheduled');
  });

  it('rebuilds the queue from the schedule after Redis is flushed, without duplicates', async () => {
    const [{ scheduled }] = await t.dataSource.query(`SELECT count(*)::int AS scheduled FROM reminder WHERE round_id = $1 AND status = 'scheduled'`, [roundId]);
    expect(scheduled).toBe(34 * 7 - 1);
    // only the before-3 step is within the horizon; the job of the reminder fired by hand is still
    // queued (it will find its row claimed)
    expect(await pendingReminderJobs(t)).toBe(34);
    // the marker stays: the watcher would otherwise notice the loss and reconcile before the endpoint does
    // (its own test is in mail-faults, on a Redis of its own)
    expect(await flushQueueKeys(t, { keepMarker: true })).toBeGreaterThan(0);
    expect(await pendingReminderJobs(t)).toBe(0);

    // the clock already says before-3 is due: hold the queue while counting what reconcile restores
    const queue = queues.queue(QueueName.Reminders);
    await queue.pause();
    const first = await t.http().post(`/api/v1/rounds/${roundId}/reminders/reconcile`).set('Authorization', office).expect(200);
    expect(first.body).toEqual({ scheduled: 33, present: 0, restored: 33 });
    expect(await pendingReminderJobs(t)).toBe(33);
    const again = await t.http().post(`/api/v1/rounds/${roundId}/reminders/reconcile`).set('Authorization', office).expect(200);
    expect(again.body).toEqual({ scheduled: 33, present: 33, restored: 0 });
    expect(await pendingReminderJobs(t)).toBe(33);
    await queue.resume();

    // the restored jobs fire: one reminder per unit, the one already sent is not sent again
    await fireDueReminders(t, clock, at('2023-05-18 09:00'));
    await settle(t, roundId, clock.now());
    await expectOneMailEach('before-3');
  });

  it('sends neither less nor more when the worker dies in the middle of a batch and restarts', async () => {
    // half the units are locked by a long reply transaction, so their reminders hang mid-batch
    const [{ url }] = [{ url: t.runtime.databaseUrl }];
    const blocker = new Client({ connectionString: url });
    await blocker.connect();
    const held: { unit_id: string }[] = (
      await (async () => {
        await blocker.query('BEGIN');
        return blocker.query(`SELECT unit_id FROM round_recipient WHERE round_id = $1 ORDER BY unit_id LIMIT 17 FOR UPDATE`, [roundId]);
      })()
    ).rows;
    try {
      // the sweep makes the due ones run now (the worker's tick may hand some over first); what is sent is checked next
      const sweep = await fireDueReminders(t, clock, at('2023-05-22 09:00'));
      expect(sweep.due).toBeLessThanOrEqual(34);
      await waitFor(async () => (await remindersBySlot('before-1')).filter((r) => r.status === 'sent').length === 34 - held.length);
      await waitFor(async () => (await lockWaiters(blocker)).length === held.length);

      // the reminders worker dies: its jobs are abandoned and their database sessions are cut
      const workers = (queues as unknown as { workers: Worker[] }).workers;
      const reminderWorkers = workers.filter((w) => w.name === QueueName.Reminders);
      workers.splice(0, workers.length, ...workers.filter((w) => w.name !== QueueName.Reminders));
      await Promise.all(reminderWorkers.map((w) => w.close(true)));
      for (const pid of await lockWaiters(blocker)) await blocker.query('SELECT pg_terminate_backend($1)', [pid]);
    } finally {
      await blocker.query('ROLLBACK').catch(() => undefined);
      await blocker.end();
    }
    expect((await remindersBySlot('before-1')).filter((r) => r.status === 'scheduled')).toHaveLength(held.length);

    await queues.startWorkers(workerOpts);
    await waitFor(async () => (await remindersBySlot('before-1')).every((r) => r.status === 'sent'), 15_000);
    await settle(t, roundId, clock.now());
    await expectOneMailEach('before-1');
  });

  it('fires a burst in batches, once each, while the reminders’ own jobs and a second batch worker run at the same time', async () => {
    const [next]: { slot: string; due_at: Date }[] = await t.dataSource.query(
      `SELECT slot, min(due_at) AS due_at FROM reminder WHERE round_id = $1 AND status = 'scheduled' AND generation = 0 AND kind <> 'escalation'
        GROUP BY slot ORDER BY 2 LIMIT 1`,
      [roundId],
    );
    clock.set(next.due_at);
    const rows: { id: string }[] = await t.dataSource.query(`SELECT id FROM reminder WHERE round_id = $1 AND slot = $2 AND generation = 0`, [roundId, next.slot]);
    expect(rows).toHaveLength(34);
    const burst = t.app.get(FireDueRemindersHandler);
    const single = t.app.get(FireReminderHandler);
    // REMINDER_BATCH_SIZE is 10 here: each batch worker claims several batches
    const [a, b, ...own] = await Promise.all([burst.fireDue(), burst.fireDue(), ...rows.map((r) => single.handle({ reminderId: r.id }))]);
    const byOwnJobs = own.filter((o) => o.status === 'done').length;
    // rows a batch found locked by an own job are handed to queue jobs of their own, which the workers run
    expect(a.sent + b.sent + byOwnJobs).toBeLessThanOrEqual(34);
    expect(a.claimed + b.claimed).toBeGreaterThan(0);
    await settle(t, roundId, clock.now());
    await expectOneMailEach(next.slot);
    const [{ audits }] = await t.dataSource.query(
      `SELECT count(*)::int AS audits FROM audit_event WHERE action = 'reminder.sent' AND entity_id = ANY($1::text[])`,
      [rows.map((r) => String(r.id))],
    );
    expect(audits).toBe(34);
  });
});

async function lockWaiters(c: Client): Promise<number[]> {
  const res = await c.query(
    `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()`,
  );
  return res.rows.map((r) => r.pid);
}

async function waitFor(check: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error('condition not reached in time');
    await new Promise((r) => setTimeout(r, 25));
  }
}
