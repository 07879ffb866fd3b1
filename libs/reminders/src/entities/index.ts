import { Reminder } from './reminder.entity';
export * from './reminder.entity';
export const reminderEntities = [Reminder];
