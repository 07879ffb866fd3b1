export * from './entities';
export * from './pure';
export * from './queue/reminder-rows';
export * from './queue/reminder-queue.service';
export * from './reminders.module';
export * from './queue/reminder-timers.service';
