import { CalendarErrors } from './errors';
// The package's published data file, not its functions: those key days by the process's local
// time zone and misread every date when the process runs west of UTC.
import packageDataJson from 'chinese-days/dist/chinese-days.json';
import { CalendarDate, DayNumber, fromDayNumber, toDayNumber, weekdayOf } from './shanghai-time';

/** An office's correction to the package: this date is (or is not) a working day. */
export interface CalendarOverride {
  date: CalendarDate;
  workday: boolean;
  note?: string;
}

/**
 * What to do when asked about a year with neither package data nor overrides:
 * `reject` throws CALENDAR_YEAR_UNKNOWN (the default: a guess would schedule reminders on 国庆节);
 * `assume-weekdays` treats Monday–Friday as working days, for previews that flag the gap instead.
 */
export type UnknownYearPolicy = 'reject' | 'assume-weekdays';

export interface WorkingCalendarOptions {
  unknownYears?: UnknownYearPolicy;
}

export type DayReason = 'override' | 'holiday' | 'makeup_workday' | 'weekend' | 'weekday';

export interface DayDetail {
  date: CalendarDate;
  workday: boolean;
  reason: DayReason;
  /** 国庆节, 春节 … for package days; the office's note for overrides. */
  name?: string;
  /** False when the year has no holiday data, so `workday` only follows the weekday rule. */
  yearKnown: boolean;
}

interface PackageData {
  holidays: Record<string, string>;
  workdays: Record<string, string>;
}

const PACKAGE_DATA: PackageData = packageDataJson;
const PACKAGE_YEARS: ReadonlySet<number> = new Set(
  [...Object.keys(PACKAGE_DATA.holidays), ...Object.keys(PACKAGE_DATA.workdays)].map(yearOf),
);
// More than a year without a working day means the overrides are wrong, not that work stopped.
const MAX_DAYS_WITHOUT_WORK = 366;

/**
 * Chinese working days: weekends and statutory holidays are off, 调休 makeup days are on,
 * per the `chinese-days` package, corrected by the office's own overrides.
 */
export class WorkingCalendar {
  private readonly overrides = new Map<CalendarDate, CalendarOverride>();
  private readonly overrideYears = new Set<number>();
  private readonly unknownYears: UnknownYearPolicy;

  constructor(overrides: readonly CalendarOverride[] = [], options: WorkingCalendarOptions = {}) {
    overrides.forEach((override, index) => {
      const checked = checkOverride(override, index);
      if (this.overrides.has(checked.date)) {
        throw CalendarErrors.calendarOverrideDuplicate(checked.date, {
          date: checked.date,
          index,
        });
      }
      this.overrides.set(checked.date, checked);
      this.overrideYears.add(yearOf(checked.date));
    });
    this.unknownYears = options.unknownYears ?? 'reject';
  }

  /** Whether the calendar has holiday data for `year`, from the package or from overrides. */
  knows(year: number): boolean {
    return PACKAGE_YEARS.has(year) || this.overrideYears.has(year);
  }

  knownYears(): number[] {
    return [...new Set([...PACKAGE_YEARS, ...this.overrideYears])].sort((a, b) => a - b);
  }

  /** Years touched by the inclusive range that the calendar does not know, for a warning before launch. */
  unknownYearsBetween(from: CalendarDate, to: CalendarDate): number[] {
    const [start, end] = [yearOf(checkDate(from)), yearOf(checkDate(to))].sort((a, b) => a - b);
    const years: number[] = [];
    for (let year = start; year <= end; year++) if (!this.knows(year)) years.push(year);
    return years;
  }

  /** Throws CALENDAR_YEAR_UNKNOWN unless the year of every date is known, whatever the policy. */
  assertKnows(...dates: CalendarDate[]): void {
    for (const date of dates) {
      const year = yearOf(checkDate(date));
      if (!this.knows(year)) throw yearUnknown(year, date);
    }
  }

  isWorkday(date: CalendarDate): boolean {
    return this.workdayAt(toDayNumber(date));
  }

  /** Why a date is or is not a working day. Never throws for an unknown year: it says so instead. */
  dayDetail(date: CalendarDate): DayDetail {
    const day = toDayNumber(date);
    const yearKnown = this.knows(yearOf(date));
    const override = this.overrides.get(date);
    if (override) return { date, workday: override.workday, reason: 'override', name: override.note, yearKnown };
    const makeup = PACKAGE_DATA.workdays[date];
    if (makeup) return { date, workday: true, reason: 'makeup_workday', name: holidayName(makeup), yearKnown };
    const holiday = PACKAGE_DATA.holidays[date];
    if (holiday) return { date, workday: false, reason: 'holiday', name: holidayName(holiday), yearKnown };
    const weekend = isWeekend(day);
    return { date, workday: !weekend, reason: weekend ? 'weekend' : 'weekday', yearKnown };
  }

  /**
   * The n-th working day after `date` (n > 0) or before it (n < 0); `date` itself for n = 0.
   * `date` need not be a working day: +1 from a Saturday is the next working day.
   */
  addWorkdays(date: CalendarDate, n: number): CalendarDate {
    if (!Number.isSafeInteger(n)) {
      throw CalendarErrors.invalidWorkdayCount(n, { value: n });
    }
    let day = toDayNumber(date);
    const direction = n < 0 ? -1 : 1;
    for (let left = Math.abs(n); left > 0; left--) day = this.stepToWorkday(day, direction);
    return fromDayNumber(day);
  }

  /** The first working day strictly after `date`. */
  nextWorkday(date: CalendarDate): CalendarDate {
    return this.addWorkdays(date, 1);
  }

  /** The last working day strictly before `date`. */
  previousWorkday(date: CalendarDate): CalendarDate {
    return this.addWorkdays(date, -1);
  }

  /** `date` if it is a working day, else the first working day after it. */
  workdayOnOrAfter(date: CalendarDate): CalendarDate {
    return this.isWorkday(date) ? date : this.nextWorkday(date);
  }

  /** `date` if it is a working day, else the last working day before it. */
  workdayOnOrBefore(date: CalendarDate): CalendarDate {
    return this.isWorkday(date) ? date : this.previousWorkday(date);
  }

  /**
   * Working days in (from, to]: after `from`, up to and including `to`; when `to` is earlier, minus
   * the count in (to, from]. So it is W(to) − W(from) with W counting working days up to a date:
   * antisymmetric, additive over adjacent ranges, and addWorkdays(from, workdaysBetween(from, to))
   * is `to` whenever both are working days.
   */
  workdaysBetween(from: CalendarDate, to: CalendarDate): number {
    const [start, end] = [toDayNumber(from), toDayNumber(to)];
    const [low, high] = start <= end ? [start, end] : [end, start];
    let count = 0;
    for (let day = low + 1; day <= high; day++) if (this.workdayAt(day)) count++;
    return start <= end ? count : 0 - count; // 0 - 0 is +0, unlike -1 * 0
  }

  private stepToWorkday(from: DayNumber, direction: 1 | -1): DayNumber {
    for (let day = from + direction, i = 0; i < MAX_DAYS_WITHOUT_WORK; day += direction, i++) {
      if (this.workdayAt(day)) return day;
    }
    throw CalendarErrors.calendarNoWorkday(fromDayNumber(from), {
      date: fromDayNumber(from),
    });
  }

  private workdayAt(day: DayNumber): boolean {
    const date = fromDayNumber(day);
    const override = this.overrides.get(date);
    if (override) return override.workday;
    const year = yearOf(date);
    if (!this.knows(year) && this.unknownYears === 'reject') throw yearUnknown(year, date);
    if (PACKAGE_DATA.workdays[date]) return true;
    if (PACKAGE_DATA.holidays[date]) return false;
    return !isWeekend(day);
  }
}

function yearUnknown(year: number, date: CalendarDate) {
  return CalendarErrors.calendarYearUnknown(year, date, { year, date });
}

function checkOverride(override: CalendarOverride, index: number): CalendarOverride {
  const value = override as Partial<CalendarOverride> | null | undefined;
  if (
    !value ||
    typeof value.workday !== 'boolean' ||
    (value.note !== undefined && typeof value.note !== 'string')
  ) {
    throw CalendarErrors.calendarOverrideInvalid(index + 1, {
      index,
    });
  }
  checkDate(value.date as CalendarDate);
  return { date: value.date as CalendarDate, workday: value.workday, ...(value.note ? { note: value.note } : {}) };
}

function checkDate(date: CalendarDate): CalendarDate {
  toDayNumber(date);
  return date;
}

function yearOf(date: CalendarDate): number {
  return Number(date.slice(0, 4));
}

function isWeekend(day: DayNumber): boolean {
  const weekday = weekdayOf(day);
  return weekday === 0 || weekday === 6;
}

/** The package stores "National Day,国庆节,3": English name, Chinese name, statutory days. */
function holidayName(entry: string): string {
  return entry.split(',')[1] ?? entry;
}
