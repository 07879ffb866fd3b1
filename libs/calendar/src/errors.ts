import { invalidInput, ruleViolation } from '@zq/common';

type Details = Record<string, unknown>;

/**
 * The error codes calendar raises, with their Chinese messages: one place to read what a user can
 * be told and under which stable code. apps/api maps the kind to the status (404, 400, 422, 409, 403).
 */
export const CalendarErrors = {
  calendarNoWorkday: (from: unknown, details?: Details) => ruleViolation('CALENDAR_NO_WORKDAY', `${from} 前后一年内没有工作日，请检查工作日调整`, details),
  calendarOverrideDuplicate: (checkedDate: unknown, details?: Details) => invalidInput('CALENDAR_OVERRIDE_DUPLICATE', `工作日调整中日期 ${checkedDate} 重复出现`, details),
  calendarOverrideInvalid: (index: unknown, details?: Details) => invalidInput('CALENDAR_OVERRIDE_INVALID', `第 ${index} 条工作日调整无效：需要日期和是否工作日`, details),
  calendarYearUnknown: (year: unknown, date: unknown, details?: Details) => ruleViolation('CALENDAR_YEAR_UNKNOWN', `工作日历尚未收录${year}年的节假日和调休安排（查询日期 ${date}），请先录入该年的工作日调整`, details),
  deadlineWorkdaysInvalid: (n: unknown, details?: Details) => invalidInput('DEADLINE_WORKDAYS_INVALID', `反馈期限应为至少 1 个工作日的整数，收到“${n}”`, details),
  invalidCalendarDate: (date: unknown, details?: Details) => invalidInput('INVALID_CALENDAR_DATE', `日期“${date}”无效，应为 YYYY-MM-DD 格式的真实日期`, details),
  invalidInstant: (details?: Details) => invalidInput('INVALID_INSTANT', '时间无效', details),
  invalidTimeOfDay: (time: unknown, details?: Details) => invalidInput('INVALID_TIME_OF_DAY', `时刻“${time}”无效，应为 HH:mm 格式（00:00–23:59）`, details),
  invalidWorkdayCount: (n: unknown, details?: Details) => invalidInput('INVALID_WORKDAY_COUNT', `工作日数“${n}”无效，应为整数`, details),
};
