import { CalendarErrors } from './errors';

/**
 * Calendar dates are `YYYY-MM-DD` strings read in Asia/Shanghai. China has kept UTC+8 without
 * daylight saving since 1991, so a fixed offset is exact for every date this product handles.
 */
export type CalendarDate = string;
/** A wall-clock time of day in Asia/Shanghai, `HH:mm` (24-hour). */
export type TimeOfDay = string;

const SHANGHAI_OFFSET_MS = 8 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;
const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME_PATTERN = /^([01]\d|2[0-3]):([0-5]\d)$/;

/** Days since 1970-01-01: plain integers make day arithmetic independent of the process time zone. */
export type DayNumber = number;

export function toDayNumber(date: CalendarDate): DayNumber {
  const match = typeof date === 'string' ? DATE_PATTERN.exec(date) : null;
  if (match) {
    const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
    const ms = Date.UTC(year, month - 1, day);
    // Date.UTC rolls 02-30 over to 03-02; a round trip catches dates that do not exist.
    if (fromDayNumber(ms / DAY_MS) === date) return ms / DAY_MS;
  }
  throw CalendarErrors.invalidCalendarDate(String(date), {
    value: date,
  });
}

export function fromDayNumber(day: DayNumber): CalendarDate {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** 0 = Sunday … 6 = Saturday, like Date#getDay. */
export function weekdayOf(day: DayNumber): number {
  return (((day + 4) % 7) + 7) % 7; // 1970-01-01 was a Thursday
}

export function isValidCalendarDate(value: unknown): value is CalendarDate {
  try {
    toDayNumber(value as string);
    return true;
  } catch {
    return false;
  }
}

/** The calendar date, in Asia/Shanghai, on which an instant falls. */
export function shanghaiDate(instant: Date): CalendarDate {
  return fromDayNumber(Math.floor((instantMs(instant) + SHANGHAI_OFFSET_MS) / DAY_MS));
}

/** The instant at which Shanghai wall clocks show `time` on `date`. */
export function shanghaiInstant(date: CalendarDate, time: TimeOfDay): Date {
  const match = typeof time === 'string' ? TIME_PATTERN.exec(time) : null;
  if (!match) {
    throw CalendarErrors.invalidTimeOfDay(String(time), {
      value: time,
    });
  }
  const minutes = Number(match[1]) * 60 + Number(match[2]);
  return new Date(toDayNumber(date) * DAY_MS + minutes * 60_000 - SHANGHAI_OFFSET_MS);
}

/** The last millisecond of `date` in Asia/Shanghai (23:59:59.999 +08:00). */
export function shanghaiEndOfDay(date: CalendarDate): Date {
  return new Date((toDayNumber(date) + 1) * DAY_MS - SHANGHAI_OFFSET_MS - 1);
}

export function isValidTimeOfDay(value: unknown): value is TimeOfDay {
  return typeof value === 'string' && TIME_PATTERN.test(value);
}

function instantMs(instant: Date): number {
  const ms = instant instanceof Date ? instant.getTime() : Number.NaN;
  if (Number.isNaN(ms)) {
    throw CalendarErrors.invalidInstant({ value: String(instant) });
  }
  return ms;
}

/** `YYYY-MM-DD HH:mm` as Shanghai wall clocks show the instant (for lists, mails and exports). */
export function shanghaiDateTime(instant: Date): string {
  const ms = instantMs(instant) + SHANGHAI_OFFSET_MS;
  const minutes = Math.floor((((ms % DAY_MS) + DAY_MS) % DAY_MS) / 60_000);
  const time = `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
  return `${shanghaiDate(instant)} ${time}`;
}

/** 2023-05-23 → 2023年5月23日, as Chinese letters print dates. */
export function chineseDate(date: CalendarDate): string {
  toDayNumber(date);
  const [y, m, d] = date.split('-').map(Number);
  return `${y}年${m}月${d}日`;
}
