import { Injectable } from '@nestjs/common';
import { HandlesJob, JobHandler, JobName, JobOutcome } from '@zq/jobs';
import { ReminderQueue } from './reminder-queue.service';

/** Rebuilds missing reminder jobs from the schedule rows (enqueued at worker start). */
@Injectable()
@HandlesJob(JobName.ReconcileReminders)
export class ReconcileRemindersHandler implements JobHandler<{ roundId?: string }> {
  constructor(private readonly reminders: ReminderQueue) {}

  async handle(payload: { roundId?: string }): Promise<JobOutcome> {
    const report = await this.reminders.reconcile({ roundId: payload.roundId });
    return { status: 'done', detail: JSON.stringify(report) };
  }
}
