import { ReminderErrors } from '../errors';
import { CalendarDate, shanghaiDate, shanghaiInstant } from '@zq/calendar';
import { WorkingCalendar } from '@zq/calendar';
import { ReminderKind, ReminderPolicy, ReminderStep, slotKey, validateReminderPolicy } from './reminder-policy';

export interface ReminderSlot {
  /** Stable key: before-3, before-1, deadline, overdue-1 … escalation. */
  slot: string;
  kind: ReminderKind;
  dueAt: Date;
}

export interface ReminderScheduleOptions {
  /** Slots due before the launch are dropped: a round launched two days before its deadline skips before-3. */
  launchedAt?: Date;
  /** The recipient's extended deadline; slots are recomputed from it and keep their keys. */
  extendedDeadline?: Date;
  /** Also drops slots due before this instant, e.g. now when recomputing after an extension. */
  notBefore?: Date;
}

/**
 * One recipient's reminders, in time order.
 *
 * Before-deadline and deadline-day steps count working days back from the deadline date, or from
 * the last working day before it when the deadline falls on a weekend or holiday: the deadline-day
 * reminder then goes out on that previous working day, not on a day nobody reads mail. Overdue and
 * escalation steps count working days after the deadline date itself. A before-deadline or
 * deadline-day slot that would fire at or after the deadline instant is dropped, since it would
 * announce a deadline that has already passed.
 */
export function computeReminderSlots(
  policy: ReminderPolicy,
  deadline: Date,
  calendar: WorkingCalendar,
  options: ReminderScheduleOptions = {},
): ReminderSlot[] {
  validateReminderPolicy(policy);
  const effective = effectiveDeadline(deadline, options.extendedDeadline);
  const deadlineDate = shanghaiDate(effective);
  const lastWorkdayOnTime = calendar.workdayOnOrBefore(deadlineDate);
  const cutoff = Math.max(instantMs(options.launchedAt, 'launchedAt'), instantMs(options.notBefore, 'notBefore'));

  return policy.steps
    .map((step) => ({
      slot: slotKey(step),
      kind: step.kind,
      dueAt: shanghaiInstant(stepDate(step, deadlineDate, lastWorkdayOnTime, calendar), step.at),
    }))
    .filter((slot) => !(isBeforeDeadline(slot.kind) && slot.dueAt.getTime() >= effective.getTime()))
    .filter((slot) => slot.dueAt.getTime() >= cutoff)
    .sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime()); // stable: same-time steps keep policy order
}

function stepDate(
  step: ReminderStep,
  deadlineDate: CalendarDate,
  lastWorkdayOnTime: CalendarDate,
  calendar: WorkingCalendar,
): CalendarDate {
  return isBeforeDeadline(step.kind)
    ? calendar.addWorkdays(lastWorkdayOnTime, step.offsetWorkdays)
    : calendar.addWorkdays(deadlineDate, step.offsetWorkdays);
}

function isBeforeDeadline(kind: ReminderKind): boolean {
  return kind === 'before_deadline' || kind === 'deadline_day';
}

function effectiveDeadline(deadline: Date, extended: Date | undefined): Date {
  checkInstant(deadline, 'deadline');
  if (extended === undefined) return deadline;
  checkInstant(extended, 'extendedDeadline');
  if (extended.getTime() <= deadline.getTime()) {
    throw ReminderErrors.reminderExtensionNotLater({
      deadline: deadline.toISOString(),
      extendedDeadline: extended.toISOString(),
    });
  }
  return extended;
}

function checkInstant(value: Date, field: string): void {
  if (!(value instanceof Date) || Number.isNaN(value.getTime())) {
    throw ReminderErrors.invalidInstant(field, { field, value: String(value) });
  }
}

function instantMs(value: Date | undefined, field: string): number {
  if (value === undefined) return Number.NEGATIVE_INFINITY;
  checkInstant(value, field);
  return value.getTime();
}
