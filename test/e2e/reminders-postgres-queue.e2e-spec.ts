import { ManualClock } from '@zq/common';
import { QueueName, QueueService } from '@zq/jobs';
import { at, fireDueReminders, launchReferenceRound, LETTER_DAY, received, settle } from '../support/round-factories';
import { startTestApp, TestApp } from '../support/test-app';

/** The embedded default runs BullMQ on PostgreSQL: the schedule, sweep and reconcile work there too. */
describe('reminders on the PostgreSQL queue backend', () => {
  const clock = new ManualClock(LETTER_DAY);
  let t: TestApp;
  let office: string;
  let roundId: string;

  beforeAll(async () => {
    t = await startTestApp('reminders-pgq', { clock, env: { REDIS_URL: '' } });
    office = await t.login('admin');
  });
  afterAll(async () => {
    await t?.close();
  });

  it('launches, restores lost jobs and reminds each unit once', async () => {
    expect(t.app.get(QueueService).connection.backend).toBe('postgres');
    roundId = await launchReferenceRound(t, office);
    await settle(t, roundId, clock.now());
    expect(received(t, 'letter')).toHaveLength(34);

    // weeks ahead of the first reminder nothing is queued: the rows wait in PostgreSQL
    const queue = t.app.get(QueueService).queue(QueueName.Reminders);
    expect(await queue.getJobCountByTypes('delayed', 'waiting')).toBe(0);
    // a quarter of an hour before the first step its 34 reminders are within the horizon
    clock.set(at('2023-05-18 08:45'));
    await queue.obliterate({ force: true });
    const restored = await t.http().post(`/api/v1/rounds/${roundId}/reminders/reconcile`).set('Authorization', office).expect(200);
    expect(restored.body).toEqual({ scheduled: 34, present: 0, restored: 34 });
    expect(await queue.getJobCountByTypes('delayed', 'waiting')).toBe(34);
    const again = await t.http().post(`/api/v1/rounds/${roundId}/reminders/reconcile`).set('Authorization', office).expect(200);
    expect(again.body.restored).toBe(0);

    const sweep = await fireDueReminders(t, clock, at('2023-05-18 09:00'));
    expect(sweep).toMatchObject({ due: 34, promoted: 34 });
    await settle(t, roundId, clock.now(), 20_000);
    expect(received(t, 'reminder')).toHaveLength(34);
  });
});
