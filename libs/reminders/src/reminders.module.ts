import { Module } from '@nestjs/common';
import { ConsultationModule } from '@zq/consultation';
import { MailModule } from '@zq/mail';
import { FireDueRemindersHandler } from './fire/fire-due-reminders.handler';
import { FireReminderHandler } from './fire/fire-reminder.handler';
import { RoundReminderPlanner } from './planning/round-reminder-planner';
import { ReconcileRemindersHandler } from './queue/reconcile-reminders.handler';
import { ReminderQueue } from './queue/reminder-queue.service';
import { ReminderTimers } from './queue/reminder-timers.service';
import { RoundRemindersService } from './round-reminders.service';

/**
 * The reminder lifecycle: planning (RoundReminderPlanner, consultation's ReminderPlanner port,
 * bound in @zq/runtime), the schedule rows and their queue (relay, sweep, reconcile), the fire
 * handler and its skip rules, manual 催办, reminder and escalation mails.
 */
@Module({
  imports: [ConsultationModule, MailModule],
  providers: [RoundReminderPlanner, ReminderQueue, ReconcileRemindersHandler, ReminderTimers, FireReminderHandler, FireDueRemindersHandler, RoundRemindersService],
  exports: [RoundReminderPlanner, ReminderQueue, ReminderTimers, RoundRemindersService],
})
export class RemindersModule {}
