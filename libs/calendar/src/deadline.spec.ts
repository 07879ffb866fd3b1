import { DomainError } from '@zq/common';
import { shanghaiDate } from './shanghai-time';
import { WorkingCalendar } from './working-calendar';
import { deadlineFromDate, deadlineFromWorkdays } from './deadline';

const codeOf = (fn: () => unknown): string | undefined => {
  try {
    fn();
  } catch (error) {
    return error instanceof DomainError ? error.code : `not a DomainError: ${String(error)}`;
  }
  return undefined;
};

describe('deadlineFromDate', () => {
  it('reads 于5月23日前 as the end of 23 May in Shanghai', () => {
    const deadline = deadlineFromDate('2023-05-23');
    expect(deadline.toISOString()).toBe('2023-05-23T15:59:59.999Z');
    expect(shanghaiDate(deadline)).toBe('2023-05-23');
  });

  it('rejects a date that does not exist', () => {
    expect(codeOf(() => deadlineFromDate('2023-05-32'))).toBe('INVALID_CALENDAR_DATE');
  });
});

describe('deadlineFromWorkdays', () => {
  const calendar = new WorkingCalendar();

  it('ends on the n-th working day after the launch date', () => {
    const launchedAt = new Date('2023-05-16T10:00:00+08:00'); // Tuesday
    expect(deadlineFromWorkdays(launchedAt, 5, calendar).toISOString()).toBe('2023-05-23T15:59:59.999Z');
  });

  it('uses the Shanghai date of the launch, not the UTC one', () => {
    const fridayEveningUtcSaturdayInShanghai = new Date('2023-05-19T17:00:00Z');
    expect(shanghaiDate(deadlineFromWorkdays(fridayEveningUtcSaturdayInShanghai, 1, calendar))).toBe('2023-05-22');
  });

  it('skips 中秋/国庆 and counts the 调休 weekend', () => {
    const launchedAt = new Date('2023-09-27T15:00:00+08:00');
    expect(shanghaiDate(deadlineFromWorkdays(launchedAt, 5, calendar))).toBe('2023-10-10');
  });

  it.each([0, -1, 2.5, Number.NaN])('rejects %p working days', (n) => {
    expect(codeOf(() => deadlineFromWorkdays(new Date('2023-05-16T10:00:00+08:00'), n, calendar))).toBe(
      'DEADLINE_WORKDAYS_INVALID',
    );
  });

  it('refuses a deadline in a year the calendar does not know', () => {
    expect(codeOf(() => deadlineFromWorkdays(new Date('2026-12-25T10:00:00+08:00'), 10, calendar))).toBe(
      'CALENDAR_YEAR_UNKNOWN',
    );
  });
});
