import { CalendarErrors } from './errors';
import { CalendarDate, shanghaiDate, shanghaiEndOfDay } from './shanghai-time';
import { WorkingCalendar } from './working-calendar';

/**
 * A deadline date D ("于5月23日前") is the instant D 23:59:59.999 Asia/Shanghai: a reply sealed at
 * any time on D is on time, one sealed at 00:00 the next day is late.
 */
export function deadlineFromDate(date: CalendarDate): Date {
  return shanghaiEndOfDay(date);
}

/**
 * The deadline n working days after launch: the end of the n-th working day after the launch
 * date (the launch day itself does not count, even when it is a working day).
 */
export function deadlineFromWorkdays(launchedAt: Date, n: number, calendar: WorkingCalendar): Date {
  if (!Number.isSafeInteger(n) || n < 1) {
    throw CalendarErrors.deadlineWorkdaysInvalid(n, { value: n });
  }
  return deadlineFromDate(calendar.addWorkdays(shanghaiDate(launchedAt), n));
}
