import fc from 'fast-check';
import { DomainError } from '@zq/common';
import { fromDayNumber, shanghaiDate, toDayNumber } from '@zq/calendar';
import { WorkingCalendar } from '@zq/calendar';
import { deadlineFromDate } from '@zq/calendar';
import { DEFAULT_REMINDER_POLICY, ReminderPolicy } from './reminder-policy';
import { computeReminderSlots, ReminderSlot } from './reminder-schedule';

const calendar = new WorkingCalendar();
const at = (iso: string) => new Date(iso);
/** Slot key → Shanghai local time, the way the office reads it. */
const readable = (slots: ReminderSlot[]) =>
  Object.fromEntries(
    slots.map((s) => [s.slot, new Date(s.dueAt.getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ')]),
  );
const thrown = (fn: () => unknown): DomainError => {
  try {
    fn();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a DomainError');
};

describe('computeReminderSlots', () => {
  it('schedules the reference letter’s deadline, 于5月23日前', () => {
    const slots = computeReminderSlots(DEFAULT_REMINDER_POLICY, deadlineFromDate('2023-05-23'), calendar);
    expect(slots.map((s) => [s.slot, s.kind, s.dueAt.toISOString()])).toEqual([
      ['before-3', 'before_deadline', '2023-05-18T01:00:00.000Z'],
      ['before-1', 'before_deadline', '2023-05-22T01:00:00.000Z'],
      ['deadline', 'deadline_day', '2023-05-23T01:00:00.000Z'],
      ['overdue-1', 'overdue', '2023-05-24T01:00:00.000Z'],
      ['overdue-2', 'overdue', '2023-05-25T01:00:00.000Z'],
      ['overdue-3', 'overdue', '2023-05-26T01:00:00.000Z'],
      ['escalation', 'escalation', '2023-05-29T01:00:00.000Z'],
    ]);
  });

  it('counts the 调休 weekend after 中秋/国庆 2023 as working days', () => {
    const slots = computeReminderSlots(DEFAULT_REMINDER_POLICY, deadlineFromDate('2023-10-09'), calendar);
    expect(readable(slots)).toEqual({
      'before-3': '2023-09-28 09:00', // last working day before the break
      'before-1': '2023-10-08 09:00', // Sunday, a makeup working day
      deadline: '2023-10-09 09:00',
      'overdue-1': '2023-10-10 09:00',
      'overdue-2': '2023-10-11 09:00',
      'overdue-3': '2023-10-12 09:00',
      escalation: '2023-10-13 09:00',
    });
  });

  it('moves the deadline-day reminder to the previous working day when the deadline is a holiday', () => {
    const slots = computeReminderSlots(DEFAULT_REMINDER_POLICY, deadlineFromDate('2023-10-03'), calendar);
    expect(readable(slots)).toEqual({
      'before-3': '2023-09-25 09:00',
      'before-1': '2023-09-27 09:00',
      deadline: '2023-09-28 09:00',
      'overdue-1': '2023-10-07 09:00', // the first working day after the deadline date, a 调休 Saturday
      'overdue-2': '2023-10-08 09:00',
      'overdue-3': '2023-10-09 09:00',
      escalation: '2023-10-10 09:00',
    });
  });

  it('moves the deadline-day reminder to Friday when the deadline is a Saturday', () => {
    const slots = computeReminderSlots(DEFAULT_REMINDER_POLICY, deadlineFromDate('2023-05-20'), calendar);
    expect(readable(slots)).toMatchObject({
      'before-1': '2023-05-18 09:00',
      deadline: '2023-05-19 09:00',
      'overdue-1': '2023-05-22 09:00',
    });
  });

  describe('launchedAt', () => {
    const deadline = deadlineFromDate('2023-05-23');

    it('drops the slots due before the launch', () => {
      const slots = computeReminderSlots(DEFAULT_REMINDER_POLICY, deadline, calendar, {
        launchedAt: at('2023-05-19T10:00:00+08:00'),
      });
      expect(slots.map((s) => s.slot)).toEqual(['before-1', 'deadline', 'overdue-1', 'overdue-2', 'overdue-3', 'escalation']);
    });

    it('keeps a slot due at the very instant of the launch', () => {
      const slots = computeReminderSlots(DEFAULT_REMINDER_POLICY, deadline, calendar, {
        launchedAt: at('2023-05-22T09:00:00+08:00'),
      });
      expect(slots[0].slot).toBe('before-1');
    });

    it('keeps only overdue reminders for a round launched after its deadline', () => {
      const slots = computeReminderSlots(DEFAULT_REMINDER_POLICY, deadline, calendar, {
        launchedAt: at('2023-05-24T08:00:00+08:00'),
      });
      expect(slots.map((s) => s.slot)).toEqual(['overdue-1', 'overdue-2', 'overdue-3', 'escalation']);
    });
  });

  describe('extendedDeadline', () => {
    const deadline = deadlineFromDate('2023-05-23');

    it('recomputes from the new deadline and keeps the slot keys', () => {
      const original = computeReminderSlots(DEFAULT_REMINDER_POLICY, deadline, calendar);
      const extended = computeReminderSlots(DEFAULT_REMINDER_POLICY, deadline, calendar, {
        extendedDeadline: deadlineFromDate('2023-05-30'),
      });
      expect(extended.map((s) => s.slot)).toEqual(original.map((s) => s.slot));
      expect(readable(extended)).toEqual({
        'before-3': '2023-05-25 09:00',
        'before-1': '2023-05-29 09:00',
        deadline: '2023-05-30 09:00',
        'overdue-1': '2023-05-31 09:00',
        'overdue-2': '2023-06-01 09:00',
        'overdue-3': '2023-06-02 09:00',
        escalation: '2023-06-05 09:00',
      });
    });

    it('drops slots already past when recomputed with notBefore', () => {
      const slots = computeReminderSlots(DEFAULT_REMINDER_POLICY, deadline, calendar, {
        launchedAt: at('2023-05-10T09:00:00+08:00'),
        extendedDeadline: deadlineFromDate('2023-05-30'),
        notBefore: at('2023-05-26T12:00:00+08:00'),
      });
      expect(slots.map((s) => s.slot)).toEqual(['before-1', 'deadline', 'overdue-1', 'overdue-2', 'overdue-3', 'escalation']);
    });

    it('rejects an "extension" that is not later than the deadline', () => {
      const error = thrown(() =>
        computeReminderSlots(DEFAULT_REMINDER_POLICY, deadline, calendar, { extendedDeadline: deadline }),
      );
      expect(error.code).toBe('REMINDER_EXTENSION_NOT_LATER');
    });
  });

  it('drops a deadline-day reminder that would come after an early-morning deadline', () => {
    const slots = computeReminderSlots(DEFAULT_REMINDER_POLICY, at('2023-05-23T08:00:00+08:00'), calendar);
    expect(slots.map((s) => s.slot)).toEqual(['before-3', 'before-1', 'overdue-1', 'overdue-2', 'overdue-3', 'escalation']);
  });

  it('uses each step’s own time of day and keeps policy order for slots at the same instant', () => {
    const policy: ReminderPolicy = {
      steps: [
        { kind: 'escalation', offsetWorkdays: 1, at: '09:00' },
        { kind: 'overdue', offsetWorkdays: 1, at: '09:00' },
        { kind: 'deadline_day', offsetWorkdays: 0, at: '14:30' },
      ],
    };
    const slots = computeReminderSlots(policy, deadlineFromDate('2023-05-23'), calendar);
    expect(readable(slots)).toEqual({ deadline: '2023-05-23 14:30', escalation: '2023-05-24 09:00', 'overdue-1': '2023-05-24 09:00' });
    expect(slots.map((s) => s.slot)).toEqual(['deadline', 'escalation', 'overdue-1']);
  });

  it('refuses a schedule that runs into a year the calendar does not know', () => {
    const error = thrown(() => computeReminderSlots(DEFAULT_REMINDER_POLICY, deadlineFromDate('2026-12-30'), calendar));
    expect(error.code).toBe('CALENDAR_YEAR_UNKNOWN');
    expect(error.details).toMatchObject({ year: 2027 });
  });

  it('schedules into that year once the office has entered it', () => {
    const with2027 = new WorkingCalendar([{ date: '2027-01-01', workday: false, note: '元旦' }]);
    const slots = computeReminderSlots(DEFAULT_REMINDER_POLICY, deadlineFromDate('2026-12-30'), with2027);
    expect(readable(slots)).toMatchObject({
      'overdue-1': '2026-12-31 09:00',
      'overdue-2': '2027-01-04 09:00',
      'overdue-3': '2027-01-05 09:00',
      escalation: '2027-01-06 09:00',
    });
  });

  it('rejects an invalid policy or instant', () => {
    const badPolicy = { steps: [{ kind: 'overdue', offsetWorkdays: -1, at: '09:00' }] } as ReminderPolicy;
    expect(thrown(() => computeReminderSlots(badPolicy, deadlineFromDate('2023-05-23'), calendar)).code).toBe(
      'REMINDER_POLICY_INVALID',
    );
    expect(thrown(() => computeReminderSlots(DEFAULT_REMINDER_POLICY, new Date('x'), calendar)).code).toBe('INVALID_INSTANT');
    expect(
      thrown(() =>
        computeReminderSlots(DEFAULT_REMINDER_POLICY, deadlineFromDate('2023-05-23'), calendar, { launchedAt: new Date('x') }),
      ).details,
    ).toMatchObject({ field: 'launchedAt' });
  });

  describe('properties, for any deadline date the package covers', () => {
    const aDeadlineDate = fc
      .integer({ min: toDayNumber('2004-03-01'), max: toDayNumber('2026-11-30') })
      .map(fromDayNumber);

    it('gives every default slot, in policy order, strictly increasing, on working days at 09:00', () => {
      fc.assert(
        fc.property(aDeadlineDate, (date) => {
          const deadline = deadlineFromDate(date);
          const slots = computeReminderSlots(DEFAULT_REMINDER_POLICY, deadline, calendar);
          expect(slots.map((s) => s.slot)).toEqual([
            'before-3', 'before-1', 'deadline', 'overdue-1', 'overdue-2', 'overdue-3', 'escalation',
          ]);
          for (let i = 1; i < slots.length; i++) {
            expect(slots[i].dueAt.getTime()).toBeGreaterThan(slots[i - 1].dueAt.getTime());
          }
          for (const slot of slots) {
            expect(calendar.isWorkday(shanghaiDate(slot.dueAt))).toBe(true);
            expect(slot.dueAt.getTime() % 86_400_000).toBe(3_600_000); // 09:00 +08:00 is 01:00 UTC
            const beforeDeadline = slot.kind === 'before_deadline' || slot.kind === 'deadline_day';
            expect(slot.dueAt.getTime() < deadline.getTime()).toBe(beforeDeadline);
          }
          const dayOf = (key: string) => shanghaiDate(slots.find((s) => s.slot === key)!.dueAt);
          expect(dayOf('deadline')).toBe(calendar.workdayOnOrBefore(date));
          expect(calendar.workdaysBetween(date, dayOf('overdue-1'))).toBe(1);
        }),
      );
    });

    it('drops exactly the slots due before the launch, nothing else', () => {
      fc.assert(
        fc.property(aDeadlineDate, fc.integer({ min: -20 * 86_400_000, max: 10 * 86_400_000 }), (date, shift) => {
          const deadline = deadlineFromDate(date);
          const launchedAt = new Date(deadline.getTime() + shift);
          const all = computeReminderSlots(DEFAULT_REMINDER_POLICY, deadline, calendar);
          const kept = computeReminderSlots(DEFAULT_REMINDER_POLICY, deadline, calendar, { launchedAt });
          expect(kept).toEqual(all.filter((s) => s.dueAt.getTime() >= launchedAt.getTime()));
        }),
      );
    });

    it('keeps the slot keys through any extension', () => {
      fc.assert(
        fc.property(aDeadlineDate, fc.integer({ min: 1, max: 30 }), (date, days) => {
          fc.pre(toDayNumber(date) + days <= toDayNumber('2026-11-30')); // stay clear of 2027
          const deadline = deadlineFromDate(date);
          const extendedDeadline = deadlineFromDate(fromDayNumber(toDayNumber(date) + days));
          const keys = (slots: ReminderSlot[]) => slots.map((s) => s.slot);
          expect(keys(computeReminderSlots(DEFAULT_REMINDER_POLICY, deadline, calendar, { extendedDeadline }))).toEqual(
            keys(computeReminderSlots(DEFAULT_REMINDER_POLICY, deadline, calendar)),
          );
        }),
      );
    });
  });
});
