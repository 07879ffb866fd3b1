import { Injectable } from '@nestjs/common';
import { WorkingCalendar } from '@zq/calendar';
import { AfterCommit, PlannedReminder, ReminderPlanner, RoundReminderPolicy } from '@zq/consultation';
import type { EntityManager } from 'typeorm';
import { cancelScheduledReminders, insertReminderRows, nextGeneration, planRoundReminders } from '../queue/reminder-rows';
import { ReminderQueue } from '../queue/reminder-queue.service';
import { DEFAULT_REMINDER_POLICY, ReminderPolicy, validateReminderPolicy } from '../schedule/reminder-policy';
import { computeReminderSlots } from '../schedule/reminder-schedule';

/**
 * What launch, extension and exemption do to a round's reminder schedule (the ReminderPlanner
 * port consultation calls inside its transactions). Rows are written in the caller's
 * transaction; the queue is touched only after it committed (afterCommit).
 */
@Injectable()
export class RoundReminderPlanner extends ReminderPlanner {
  constructor(
    private readonly calendar: WorkingCalendar,
    private readonly queue: ReminderQueue,
  ) {
    super();
  }

  policy(input: RoundReminderPolicy | undefined): RoundReminderPolicy {
    const policy = (input ?? DEFAULT_REMINDER_POLICY) as ReminderPolicy;
    validateReminderPolicy(policy);
    return policy;
  }

  async planned(em: EntityManager, plan: { roundId: string; recipients: { recipientId: string; unitId: string }[]; policy: RoundReminderPolicy; deadline: Date; launchedAt: Date }) {
    const slots = computeReminderSlots(plan.policy as ReminderPolicy, plan.deadline, this.calendar, { launchedAt: plan.launchedAt });
    // every recipient shares the round's deadline, so one statement plans all their reminders; only
    // those due within the horizon become jobs (the relay, kicked after commit; the tick for the rest)
    const reminders = await planRoundReminders(em, plan.roundId, plan.recipients, slots);
    // not awaited: the launch answers at once
    return { reminders, afterCommit: async () => void this.queue.kick() };
  }

  async moved(
    em: EntityManager,
    move: { roundId: string; recipientId: string; unitId: string; policy: RoundReminderPolicy; roundDeadline: Date; deadline: Date; now: Date },
  ) {
    const cancelled = await cancelScheduledReminders(em, [move.recipientId], 'extension');
    const generation = await nextGeneration(em, move.recipientId);
    const slots = computeReminderSlots(move.policy as ReminderPolicy, move.roundDeadline, this.calendar, { extendedDeadline: move.deadline, notBefore: move.now });
    await insertReminderRows(
      em,
      slots.map((s) => ({ roundId: move.roundId, recipientId: move.recipientId, unitId: move.unitId, slot: s.slot, generation, kind: s.kind, dueAt: s.dueAt })),
    );
    const reminders: PlannedReminder[] = slots.map((s) => ({ slot: s.slot, kind: s.kind, dueAt: s.dueAt }));
    const afterCommit: AfterCommit = async () => {
      await this.queue.discard(cancelled);
      void this.queue.kick();
    };
    return { generation, cancelled: cancelled.length, reminders, afterCommit };
  }

  async stopped(em: EntityManager, stop: { recipientIds: string[]; reason: string }) {
    const cancelled = await cancelScheduledReminders(em, stop.recipientIds, stop.reason);
    return { cancelled: cancelled.length, afterCommit: () => this.queue.discard(cancelled) };
  }

  roundStatusChanged(): void {
    void this.queue.kick();
  }
}
