import { Module } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '@zq/persistence';
import { loadWorkingCalendar } from './calendar/calendar-from-config';
import { WorkingCalendar } from './calendar/working-calendar';
import { ReconcileRemindersHandler } from './queue/reconcile-reminders.handler';
import { ReminderQueue } from './queue/reminder-queue.service';
import { ReminderTimers } from './queue/reminder-timers.service';

/** Reminder schedules and their queue: relay, sweep, reconcile; the Chinese working-day calendar. */
@Module({
  providers: [{ provide: WorkingCalendar, inject: [APP_CONFIG], useFactory: (config: AppConfig) => loadWorkingCalendar(config) }, ReminderQueue, ReconcileRemindersHandler, ReminderTimers],
  exports: [WorkingCalendar, ReminderQueue, ReminderTimers],
})
export class RemindersModule {}
