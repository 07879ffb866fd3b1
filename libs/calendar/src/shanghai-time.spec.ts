import fc from 'fast-check';
import { DomainError, TIME_ZONE } from '@zq/common';
import {
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

const codeOf = (fn: () => unknown): string | undefined => {
  try {
    fn();
  } catch (error) {
    return error instanceof DomainError ? error.code : `not a DomainError: ${String(error)}`;
  }
  return undefined;
};

const intlDate = new Intl.DateTimeFormat('en-CA', {
  timeZone: TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

describe('shanghaiDate', () => {
  it('rolls over to the next date at 16:00 UTC, which is midnight in Shanghai', () => {
    expect(shanghaiDate(new Date('2023-05-22T15:59:59.999Z'))).toBe('2023-05-22');
    expect(shanghaiDate(new Date('2023-05-22T16:00:00.000Z'))).toBe('2023-05-23');
  });

  it('agrees with the platform time-zone database for any instant since 1992', () => {
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1992, 0, 1), max: Date.UTC(2100, 0, 1) }), (ms) => {
        expect(shanghaiDate(new Date(ms))).toBe(intlDate.format(new Date(ms)));
      }),
    );
  });

  it('rejects an invalid Date', () => {
    expect(codeOf(() => shanghaiDate(new Date('nope')))).toBe('INVALID_INSTANT');
  });
});

describe('shanghaiInstant', () => {
  it('reads the wall-clock time as UTC+8', () => {
    expect(shanghaiInstant('2023-05-18', '09:00').toISOString()).toBe('2023-05-18T01:00:00.000Z');
    expect(shanghaiInstant('2023-05-18', '00:00').toISOString()).toBe('2023-05-17T16:00:00.000Z');
    expect(shanghaiInstant('2023-05-18', '23:59').toISOString()).toBe('2023-05-18T15:59:00.000Z');
  });

  it('round-trips through shanghaiDate for every date and time of day', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: toDayNumber('1992-01-01'), max: toDayNumber('2100-12-31') }),
        fc.integer({ min: 0, max: 23 }),
        fc.integer({ min: 0, max: 59 }),
        (day, hour, minute) => {
          const date = fromDayNumber(day);
          const time = `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
          expect(shanghaiDate(shanghaiInstant(date, time))).toBe(date);
        },
      ),
    );
  });

  it.each(['9:00', '24:00', '09:60', '09:00:00', '', 'noon'])('rejects the time %p', (time) => {
    expect(codeOf(() => shanghaiInstant('2023-05-18', time))).toBe('INVALID_TIME_OF_DAY');
    expect(isValidTimeOfDay(time)).toBe(false);
  });

  it('rejects an invalid date', () => {
    expect(codeOf(() => shanghaiInstant('2023-02-29', '09:00'))).toBe('INVALID_CALENDAR_DATE');
  });
});

describe('shanghaiEndOfDay', () => {
  it('is the last millisecond of the Shanghai date', () => {
    const end = shanghaiEndOfDay('2023-05-23');
    expect(end.toISOString()).toBe('2023-05-23T15:59:59.999Z');
    expect(shanghaiDate(end)).toBe('2023-05-23');
    expect(shanghaiDate(new Date(end.getTime() + 1))).toBe('2023-05-24');
  });
});

describe('calendar date arithmetic', () => {
  it.each(['2023-02-29', '2023-13-01', '2023-00-10', '2023-5-3', '20230503', '2023-05-03T00:00', ''])(
    'rejects %p',
    (value) => {
      expect(codeOf(() => toDayNumber(value))).toBe('INVALID_CALENDAR_DATE');
      expect(isValidCalendarDate(value)).toBe(false);
    },
  );

  it('rejects values that are not strings', () => {
    expect(codeOf(() => toDayNumber(20230503 as unknown as string))).toBe('INVALID_CALENDAR_DATE');
  });

  it('accepts 29 February in a leap year', () => {
    expect(fromDayNumber(toDayNumber('2024-02-29') + 1)).toBe('2024-03-01');
  });

  it('knows the weekday, before and after 1970', () => {
    expect(weekdayOf(toDayNumber('2023-05-23'))).toBe(2); // Tuesday
    expect(weekdayOf(toDayNumber('1969-12-31'))).toBe(3); // Wednesday
    fc.assert(
      fc.property(fc.integer({ min: -30_000, max: 60_000 }), (day) => {
        expect(weekdayOf(day)).toBe(new Date(fromDayNumber(day)).getUTCDay());
      }),
    );
  });

  it('round-trips day numbers', () => {
    fc.assert(
      fc.property(fc.integer({ min: -30_000, max: 60_000 }), (day) => {
        expect(toDayNumber(fromDayNumber(day))).toBe(day);
      }),
    );
  });
});

describe('display helpers', () => {
  it('shows an instant as Shanghai wall-clock time', () => {
    expect(shanghaiDateTime(new Date('2023-05-23T15:59:59.999Z'))).toBe('2023-05-23 23:59');
    expect(shanghaiDateTime(new Date('2023-05-23T16:00:00.000Z'))).toBe('2023-05-24 00:00');
    expect(shanghaiDateTime(shanghaiInstant('2023-05-18', '09:00'))).toBe('2023-05-18 09:00');
  });

  it('agrees with the platform time-zone database', () => {
    const fmt = new Intl.DateTimeFormat('sv-SE', { timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    fc.assert(
      fc.property(fc.integer({ min: Date.UTC(1992, 0, 1), max: Date.UTC(2100, 0, 1) }), (ms) => {
        expect(shanghaiDateTime(new Date(ms))).toBe(fmt.format(new Date(ms)));
      }),
    );
  });

  it('prints a date the way a Chinese letter does', () => {
    expect(chineseDate('2023-05-23')).toBe('2023年5月23日');
    expect(codeOf(() => chineseDate('2023-02-30'))).toBe('INVALID_CALENDAR_DATE');
  });
});
