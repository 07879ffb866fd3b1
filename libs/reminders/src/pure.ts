// Framework-free reminder logic: reminder policies, schedules and job ids (the calendar is @zq/calendar).
export type { ReminderKind, ReminderPolicy, ReminderStep } from './schedule/reminder-policy';
export {
  DEFAULT_REMINDER_POLICY,
  MAX_OFFSET_WORKDAYS,
  REMINDER_KINDS,
  slotKey,
  validateReminderPolicy,
} from './schedule/reminder-policy';
export type { ReminderScheduleOptions, ReminderSlot } from './schedule/reminder-schedule';
export { computeReminderSlots } from './schedule/reminder-schedule';
export type { ReminderJobKey } from './schedule/reminder-job-id';
export { manualSlot, reminderJobId, reminderQueueJobId } from './schedule/reminder-job-id';
