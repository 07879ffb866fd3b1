import { recipientMachine } from '@zq/consultation';
import { QueueName, QueueService } from '@zq/jobs';
import { ReminderQueue } from '@zq/reminders';
import IORedis from 'ioredis';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ParsedMail } from 'mailparser';
import { REDIS_URL, TestApp } from './test-app';

export const REFERENCE_LETTER = readFileSync(join(__dirname, '..', 'fixtures', 'beautiful-towns-round2-letter.txt'), 'utf8');

/** 2023-05-17 10:00 in Shanghai: the day the reference letter was sent. */
export const LETTER_DAY = new Date('2023-05-17T10:00:00+08:00');

/** An instant given as Shanghai wall-clock time, e.g. at('2023-05-18 09:00'). */
export const at = (local: string) => new Date(`${local.replace(' ', 'T')}:00+08:00`);

/** Imports the reference letter's draft through the API and returns the version id. */
export async function importReferenceDraft(t: TestApp, auth: string): Promise<string> {
  const res = await t.http().post('/api/v1/policies/import').set('Authorization', auth).send({ text: REFERENCE_LETTER });
  if (res.status !== 201) throw new Error(`import failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.versionId;
}

/** The reference round launched as the office would: the letter imported, the round pre-filled from it, coverage acknowledged, launched. */
export async function launchReferenceRound(t: TestApp, office: string): Promise<string> {
  const versionId = await importReferenceDraft(t, office);
  const roundId: string = (await t.http().post('/api/v1/rounds/from-letter').set('Authorization', office).send({ versionId }).expect(201)).body.round.id;
  await t.http().post(`/api/v1/rounds/${roundId}/coverage/acknowledge`).set('Authorization', office).send({}).expect(200);
  await t.http().post(`/api/v1/rounds/${roundId}/launch`).set('Authorization', office).send({}).expect(200);
  return roundId;
}

/** short name → unit id, for the demo directory. */
export async function unitIds(t: TestApp): Promise<Map<string, string>> {
  const rows: { id: string; short_name: string }[] = await t.dataSource.query(`SELECT id, short_name FROM unit`);
  return new Map(rows.map((r) => [r.short_name, r.id]));
}

/** A valid draft round body: the given version and units, due on a date, default reminders. */
export function aRound(versionId: string, recipientUnitIds: string[], overrides: Record<string, unknown> = {}) {
  return {
    versionId,
    title: '关于征求《测试稿》意见的函',
    deadlineDate: '2023-05-23',
    contactName: '陈泽',
    contactPhone: '0571-89892005',
    recipientUnitIds,
    ...overrides,
  };
}

/** A reply landing, as feedback records it: the recipient moves to submitted through recipientMachine. */
export async function markReplied(t: TestApp, roundId: string, unitIdList: string[], kind: 'with_comments' | 'no_comment' = 'with_comments', when = new Date()) {
  const [, count] = await t.dataSource.query(
    `UPDATE round_recipient SET status = $4, reply_kind = $5, submitted_at = $6
      WHERE round_id = $1 AND unit_id = ANY($2::uuid[]) AND status = ANY($3::text[])`,
    [roundId, unitIdList, [...recipientMachine.sources('submit')], recipientMachine.next('pending', 'submit'), kind, when],
  );
  if (count !== unitIdList.length) throw new Error(`expected ${unitIdList.length} recipients to reply, moved ${count}`);
}

/** Moves the test clock and runs the reminders that are now due (what the worker's timer does). */
export async function fireDueReminders(t: TestApp, clock: { set(d: Date): void }, when: Date) {
  clock.set(when);
  const queue = t.app.get(ReminderQueue);
  await queue.settled();
  return queue.sweepDue();
}

/** Waits until no reminder of the round is both due and still scheduled, and the mails they composed are sent. */
export async function settle(t: TestApp, roundId: string, now: Date, timeoutMs = 10_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const [{ due, unsent }] = await t.dataSource.query(
      `SELECT (SELECT count(*)::int FROM reminder WHERE round_id = $1 AND status = 'scheduled' AND due_at <= $2) AS due,
              (SELECT count(*)::int FROM mail_message WHERE round_id = $1 AND status <> 'sent') AS unsent`,
      [roundId, now],
    );
    if (due === 0 && unsent === 0) {
      const sent: number = (await t.dataSource.query(`SELECT count(*)::int AS n FROM mail_message WHERE round_id = $1`, [roundId]))[0].n;
      await t.smtp.waitFor(sent, Math.max(1000, until - Date.now()));
      return;
    }
    if (Date.now() > until) throw new Error(`round ${roundId} did not settle: ${due} due reminders, ${unsent} unsent mails`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Mails of one purpose (letter, reminder, manual_reminder, escalation) received by the sink. */
export function received(t: TestApp, purpose: string): ParsedMail[] {
  return t.smtp.messages.filter((m) => m.headers.get('x-zq-purpose') === purpose);
}

/** Every address a received mail went to. */
export function addressesOf(mails: ParsedMail[]): string[] {
  return mails.flatMap((m) => [m.to].flat().flatMap((a) => a?.value.map((v) => v.address ?? '') ?? []));
}

/**
 * Deletes every Redis key of this app's BullMQ prefix: Redis "flushed" under the running app. With
 * keepMarker the queue-loss marker survives, so the worker's watcher does not notice the loss and
 * reconcile on its own (a test of the reconcile endpoint counts what that endpoint restores).
 */
export async function flushQueueKeys(t: TestApp, opts: { keepMarker?: boolean } = {}): Promise<number> {
  const redis = new IORedis(REDIS_URL);
  let deleted = 0;
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${t.runtime.config.queuePrefix}:*`, 'COUNT', 1000);
      cursor = next;
      const doomed = opts.keepMarker ? keys.filter((k) => !k.endsWith(':zq:queues-alive')) : keys;
      if (doomed.length) deleted += await redis.del(...doomed);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
  return deleted;
}

/** Jobs of the reminders queue that will still run (delayed, waiting, active). */
export async function pendingReminderJobs(t: TestApp): Promise<number> {
  const counts = await t.app.get(QueueService).queue(QueueName.Reminders).getJobCounts('delayed', 'waiting', 'active', 'prioritized');
  return Object.values(counts).reduce((a, b) => a + b, 0);
}
