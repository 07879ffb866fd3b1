// Framework-free reminder logic: the working-day calendar and reminder schedules.
export type { CalendarDate, TimeOfDay } from './calendar/shanghai-time';
export {
  chineseDate,
  isValidCalendarDate,
  isValidTimeOfDay,
  shanghaiDate,
  shanghaiDateTime,
  shanghaiEndOfDay,
  shanghaiInstant,
} from './calendar/shanghai-time';
export type {
  CalendarOverride,
  DayDetail,
  DayReason,
  UnknownYearPolicy,
  WorkingCalendarOptions,
} from './calendar/working-calendar';
export { WorkingCalendar } from './calendar/working-calendar';
export { deadlineFromDate, deadlineFromWorkdays } from './schedule/deadline';
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
export { loadWorkingCalendar } from './calendar/calendar-from-config';
