import fc from 'fast-check';
import { isWorkday as packageIsWorkday } from 'chinese-days';
import { DomainError } from '@zq/common';
import { fromDayNumber, toDayNumber } from './shanghai-time';
import { CalendarOverride, WorkingCalendar } from './working-calendar';

const thrown = (fn: () => unknown): DomainError => {
  try {
    fn();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a DomainError');
};

const datesBetween = (from: string, to: string): string[] => {
  const days: string[] = [];
  for (let day = toDayNumber(from); day <= toDayNumber(to); day++) days.push(fromDayNumber(day));
  return days;
};

describe('WorkingCalendar', () => {
  const calendar = new WorkingCalendar();

  describe('isWorkday', () => {
    it('treats Monday–Friday as working days and weekends as days off', () => {
      expect(calendar.isWorkday('2023-05-22')).toBe(true); // Monday
      expect(calendar.isWorkday('2023-05-26')).toBe(true); // Friday
      expect(calendar.isWorkday('2023-05-20')).toBe(false); // Saturday
      expect(calendar.isWorkday('2023-05-21')).toBe(false); // Sunday
    });

    it('knows the 2023 中秋/国庆 break and its two 调休 weekend workdays', () => {
      const off = datesBetween('2023-09-29', '2023-10-06');
      expect(off.filter((d) => calendar.isWorkday(d))).toEqual([]);
      expect(calendar.isWorkday('2023-10-07')).toBe(true); // Saturday, makeup day
      expect(calendar.isWorkday('2023-10-08')).toBe(true); // Sunday, makeup day
      expect(calendar.isWorkday('2023-09-28')).toBe(true);
    });

    it('agrees with chinese-days on every day it covers', () => {
      // The package's own functions read dates in the process time zone and are only right east of UTC.
      if (new Date().getTimezoneOffset() > 0) return;
      const disagreements = datesBetween('2004-01-01', '2026-12-31').filter(
        (date) => calendar.isWorkday(date) !== packageIsWorkday(date),
      );
      expect(disagreements).toEqual([]);
    });

    it('rejects malformed dates', () => {
      expect(thrown(() => calendar.isWorkday('2023/05/22')).code).toBe('INVALID_CALENDAR_DATE');
    });
  });

  describe('dayDetail', () => {
    it('says why a day is or is not a working day', () => {
      expect(calendar.dayDetail('2023-10-02')).toEqual({
        date: '2023-10-02',
        workday: false,
        reason: 'holiday',
        name: '国庆节',
        yearKnown: true,
      });
      expect(calendar.dayDetail('2023-10-07')).toMatchObject({ workday: true, reason: 'makeup_workday' });
      expect(calendar.dayDetail('2023-05-20')).toMatchObject({ workday: false, reason: 'weekend' });
      expect(calendar.dayDetail('2023-05-22')).toMatchObject({ workday: true, reason: 'weekday' });
    });

    it('flags an unknown year instead of throwing', () => {
      expect(calendar.dayDetail('2027-10-01')).toEqual({
        date: '2027-10-01',
        workday: true,
        reason: 'weekday',
        yearKnown: false,
      });
    });

    it('reports an override with its note', () => {
      const corrected = new WorkingCalendar([{ date: '2023-05-22', workday: false, note: '台风停工' }]);
      expect(corrected.dayDetail('2023-05-22')).toMatchObject({ workday: false, reason: 'override', name: '台风停工' });
    });
  });

  describe('years the package does not cover', () => {
    it('derives the covered years from the package data', () => {
      const years = calendar.knownYears();
      expect(years).toContain(2004);
      expect(years).toContain(2023);
      expect(years).toContain(2026);
      expect(calendar.knows(2027)).toBe(false);
      expect(calendar.knows(2003)).toBe(false);
    });

    it('refuses to guess about 2027, where 国庆节 would read as a working day', () => {
      const error = thrown(() => calendar.isWorkday('2027-10-01'));
      expect(error.code).toBe('CALENDAR_YEAR_UNKNOWN');
      expect(error.kind).toBe('rule_violation');
      expect(error.details).toEqual({ year: 2027, date: '2027-10-01' });
      expect(error.message).toContain('2027年');
    });

    it('refuses to walk into an unknown year', () => {
      expect(calendar.addWorkdays('2026-12-30', 1)).toBe('2026-12-31');
      expect(thrown(() => calendar.addWorkdays('2026-12-31', 1)).code).toBe('CALENDAR_YEAR_UNKNOWN');
      expect(thrown(() => calendar.workdaysBetween('2026-12-01', '2027-01-10')).code).toBe('CALENDAR_YEAR_UNKNOWN');
    });

    it('lists the unknown years a range touches', () => {
      expect(calendar.unknownYearsBetween('2025-06-01', '2028-01-01')).toEqual([2027, 2028]);
      expect(calendar.unknownYearsBetween('2028-01-01', '2025-06-01')).toEqual([2027, 2028]);
      expect(calendar.unknownYearsBetween('2023-01-01', '2026-12-31')).toEqual([]);
    });

    it('asserts coverage on demand, even when lenient', () => {
      const lenient = new WorkingCalendar([], { unknownYears: 'assume-weekdays' });
      expect(() => lenient.assertKnows('2023-05-23', '2026-10-01')).not.toThrow();
      expect(thrown(() => lenient.assertKnows('2023-05-23', '2027-10-01')).details).toEqual({
        year: 2027,
        date: '2027-10-01',
      });
    });

    it('can fall back to Monday–Friday when asked to', () => {
      const lenient = new WorkingCalendar([], { unknownYears: 'assume-weekdays' });
      expect(lenient.isWorkday('2027-10-01')).toBe(true);
      expect(lenient.addWorkdays('2026-12-31', 1)).toBe('2027-01-01');
      expect(lenient.knows(2027)).toBe(false);
    });

    it('learns a year from the office’s overrides', () => {
      const nationalDay2027: CalendarOverride[] = datesBetween('2027-10-01', '2027-10-07').map((date) => ({
        date,
        workday: false,
        note: '国庆节',
      }));
      const corrected = new WorkingCalendar([...nationalDay2027, { date: '2027-10-09', workday: true, note: '国庆调休' }]);
      expect(corrected.knows(2027)).toBe(true);
      expect(corrected.isWorkday('2027-10-01')).toBe(false);
      expect(corrected.isWorkday('2027-10-09')).toBe(true); // Saturday
      expect(corrected.isWorkday('2027-10-11')).toBe(true); // plain Monday
      expect(corrected.nextWorkday('2027-09-30')).toBe('2027-10-08');
      expect(corrected.knows(2028)).toBe(false);
    });
  });

  describe('overrides', () => {
    it('correct a day the package gets wrong, both ways', () => {
      const corrected = new WorkingCalendar([
        { date: '2023-10-09', workday: false },
        { date: '2023-10-03', workday: true },
      ]);
      expect(corrected.isWorkday('2023-10-09')).toBe(false);
      expect(corrected.isWorkday('2023-10-03')).toBe(true);
      expect(corrected.nextWorkday('2023-10-08')).toBe('2023-10-10');
    });

    it('reject a date given twice', () => {
      const error = thrown(
        () =>
          new WorkingCalendar([
            { date: '2027-10-01', workday: false },
            { date: '2027-10-01', workday: true },
          ]),
      );
      expect(error.code).toBe('CALENDAR_OVERRIDE_DUPLICATE');
      expect(error.details).toEqual({ date: '2027-10-01', index: 1 });
    });

    it('reject malformed entries', () => {
      expect(thrown(() => new WorkingCalendar([{ date: '2027-02-30', workday: false }])).code).toBe(
        'INVALID_CALENDAR_DATE',
      );
      expect(
        thrown(() => new WorkingCalendar([{ date: '2027-10-01' } as unknown as CalendarOverride])).code,
      ).toBe('CALENDAR_OVERRIDE_INVALID');
      expect(thrown(() => new WorkingCalendar([null as unknown as CalendarOverride])).code).toBe(
        'CALENDAR_OVERRIDE_INVALID',
      );
    });

    it('are copied, so later changes to the caller’s array do not leak in', () => {
      const list: CalendarOverride[] = [{ date: '2023-05-22', workday: false }];
      const corrected = new WorkingCalendar(list);
      list[0].workday = true;
      expect(corrected.isWorkday('2023-05-22')).toBe(false);
    });

    it('stop a walk that finds no working day for a year', () => {
      const allOff = datesBetween('2027-01-01', '2028-12-31').map((date) => ({ date, workday: false }));
      const broken = new WorkingCalendar(allOff);
      expect(thrown(() => broken.addWorkdays('2026-12-31', 1)).code).toBe('CALENDAR_NO_WORKDAY');
    });
  });

  describe('addWorkdays and neighbours', () => {
    it('skips a holiday and lands on a 调休 weekend', () => {
      expect(calendar.addWorkdays('2023-09-28', 1)).toBe('2023-10-07');
      expect(calendar.addWorkdays('2023-09-28', 2)).toBe('2023-10-08');
      expect(calendar.addWorkdays('2023-09-28', 3)).toBe('2023-10-09');
      expect(calendar.addWorkdays('2023-10-07', -1)).toBe('2023-09-28');
    });

    it('counts from a day off as if from its surroundings', () => {
      expect(calendar.addWorkdays('2023-05-20', 1)).toBe('2023-05-22');
      expect(calendar.addWorkdays('2023-05-20', -1)).toBe('2023-05-19');
      expect(calendar.addWorkdays('2023-05-20', 0)).toBe('2023-05-20');
    });

    it('gives the neighbouring working days, strictly and inclusively', () => {
      expect(calendar.nextWorkday('2023-05-19')).toBe('2023-05-22');
      expect(calendar.previousWorkday('2023-05-22')).toBe('2023-05-19');
      expect(calendar.workdayOnOrAfter('2023-05-21')).toBe('2023-05-22');
      expect(calendar.workdayOnOrAfter('2023-05-22')).toBe('2023-05-22');
      expect(calendar.workdayOnOrBefore('2023-10-01')).toBe('2023-09-28');
      expect(calendar.workdayOnOrBefore('2023-09-28')).toBe('2023-09-28');
    });

    it.each([1.5, Number.NaN, Number.POSITIVE_INFINITY])('rejects the count %p', (n) => {
      expect(thrown(() => calendar.addWorkdays('2023-05-22', n)).code).toBe('INVALID_WORKDAY_COUNT');
    });
  });

  describe('workdaysBetween', () => {
    it('counts the working days after the first date up to and including the second', () => {
      expect(calendar.workdaysBetween('2023-05-16', '2023-05-23')).toBe(5);
      expect(calendar.workdaysBetween('2023-05-23', '2023-05-16')).toBe(-5);
      expect(calendar.workdaysBetween('2023-05-23', '2023-05-23')).toBe(0);
      expect(calendar.workdaysBetween('2023-09-28', '2023-10-09')).toBe(3);
    });
  });

  describe('properties, over the years the package covers', () => {
    const aDate = fc
      // 25 working days either side of these bounds stay inside 2004–2026.
      .integer({ min: toDayNumber('2004-03-15'), max: toDayNumber('2026-11-15') })
      .map(fromDayNumber);
    const aCount = fc.integer({ min: -25, max: 25 });

    it('lands on a working day, on the side the sign says', () => {
      fc.assert(
        fc.property(aDate, aCount.filter((n) => n !== 0), (date, n) => {
          const result = calendar.addWorkdays(date, n);
          expect(calendar.isWorkday(result)).toBe(true);
          expect(Math.sign(toDayNumber(result) - toDayNumber(date))).toBe(Math.sign(n));
        }),
      );
    });

    it('is inverted by workdaysBetween from any day going forward, from a working day going back', () => {
      fc.assert(
        fc.property(aDate, aCount, (date, n) => {
          const start = n >= 0 ? date : calendar.workdayOnOrAfter(date);
          expect(calendar.workdaysBetween(start, calendar.addWorkdays(start, n))).toBe(n);
        }),
      );
    });

    it('inverts workdaysBetween between working days', () => {
      fc.assert(
        fc.property(aDate, fc.integer({ min: -40, max: 40 }), (date, offset) => {
          const from = calendar.workdayOnOrAfter(date);
          const to = calendar.workdayOnOrAfter(fromDayNumber(toDayNumber(date) + offset));
          expect(calendar.addWorkdays(from, calendar.workdaysBetween(from, to))).toBe(to);
        }),
      );
    });

    it('counts ranges antisymmetrically', () => {
      fc.assert(
        fc.property(aDate, fc.integer({ min: -40, max: 40 }), (a, offset) => {
          const b = fromDayNumber(toDayNumber(a) + offset);
          expect(calendar.workdaysBetween(b, a)).toBe(0 - calendar.workdaysBetween(a, b));
        }),
      );
    });

    it('comes back to a working day after n and then -n working days', () => {
      fc.assert(
        fc.property(aDate, aCount, (date, n) => {
          const start = calendar.workdayOnOrAfter(date);
          expect(calendar.addWorkdays(calendar.addWorkdays(start, n), -n)).toBe(start);
        }),
      );
    });

    it('composes steps in the same direction', () => {
      fc.assert(
        fc.property(aDate, fc.nat(12), fc.nat(12), fc.boolean(), (date, a, b, backwards) => {
          const sign = backwards ? -1 : 1;
          expect(calendar.addWorkdays(calendar.addWorkdays(date, sign * a), sign * b)).toBe(
            calendar.addWorkdays(date, sign * (a + b)),
          );
        }),
      );
    });

    it('adds up counts over adjacent ranges', () => {
      fc.assert(
        fc.property(aDate, fc.integer({ min: -40, max: 40 }), fc.integer({ min: -40, max: 40 }), (a, toB, toC) => {
          const b = fromDayNumber(toDayNumber(a) + toB);
          const c = fromDayNumber(toDayNumber(a) + toC);
          expect(calendar.workdaysBetween(a, b) + calendar.workdaysBetween(b, c)).toBe(
            calendar.workdaysBetween(a, c),
          );
        }),
      );
    });
  });
});
