// The Chinese working-day calendar and Asia/Shanghai time: pure functions and one class, no
// framework, no database. Deadlines (consultation) and reminder schedules (reminders) both count on it.
export type { CalendarDate, DayNumber, TimeOfDay } from './shanghai-time';
export {
  chineseDate,
  fromDayNumber,
  isValidCalendarDate,
  isValidTimeOfDay,
  shanghaiDate,
  shanghaiDateTime,
  shanghaiEndOfDay,
  shanghaiInstant,
  toDayNumber,
  weekdayOf,
} from './shanghai-time';
export type { CalendarOverride, DayDetail, DayReason, UnknownYearPolicy, WorkingCalendarOptions } from './working-calendar';
export { WorkingCalendar } from './working-calendar';
export { deadlineFromDate, deadlineFromWorkdays } from './deadline';
export * from './errors';
