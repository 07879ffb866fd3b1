import { ReminderErrors } from '../errors';
import { isValidTimeOfDay, TimeOfDay } from '@zq/calendar';

export const REMINDER_KINDS = ['before_deadline', 'deadline_day', 'overdue', 'escalation'] as const;
export type ReminderKind = (typeof REMINDER_KINDS)[number];

/**
 * One reminder, placed in working days relative to the deadline date: negative before it
 * (before_deadline), 0 on it (deadline_day), positive after it (overdue, escalation).
 */
export interface ReminderStep {
  kind: ReminderKind;
  offsetWorkdays: number;
  /** Shanghai wall-clock time, HH:mm. */
  at: TimeOfDay;
}

export interface ReminderPolicy {
  steps: readonly ReminderStep[];
}

/** 截止前3个和1个工作日、截止当日 09:00 提醒；逾期后连续3个工作日每日催办；第4个工作日转电话催办. */
export const DEFAULT_REMINDER_POLICY: ReminderPolicy = deepFreeze({
  steps: [
    { kind: 'before_deadline', offsetWorkdays: -3, at: '09:00' },
    { kind: 'before_deadline', offsetWorkdays: -1, at: '09:00' },
    { kind: 'deadline_day', offsetWorkdays: 0, at: '09:00' },
    { kind: 'overdue', offsetWorkdays: 1, at: '09:00' },
    { kind: 'overdue', offsetWorkdays: 2, at: '09:00' },
    { kind: 'overdue', offsetWorkdays: 3, at: '09:00' },
    { kind: 'escalation', offsetWorkdays: 4, at: '09:00' },
  ],
});

// A reminder three months of working days from the deadline is a typo, and would walk the calendar far.
export const MAX_OFFSET_WORKDAYS = 60;

const OFFSET_SIGN: Record<ReminderKind, (offset: number) => boolean> = {
  before_deadline: (offset) => offset < 0,
  deadline_day: (offset) => offset === 0,
  overdue: (offset) => offset > 0,
  escalation: (offset) => offset > 0,
};

const SIGN_RULE: Record<ReminderKind, string> = {
  before_deadline: '截止前提醒的工作日偏移应为负数',
  deadline_day: '截止当日提醒的工作日偏移应为 0',
  overdue: '逾期催办的工作日偏移应为正数',
  escalation: '升级催办的工作日偏移应为正数',
};

/**
 * The step's stable key, part of the reminder job id (remind:<roundId>:<unitId>:<slot>):
 * it names the step, not the date, so an extension moves a reminder without renaming it.
 */
export function slotKey(step: ReminderStep): string {
  switch (step.kind) {
    case 'before_deadline':
      return `before-${-step.offsetWorkdays}`;
    case 'deadline_day':
      return 'deadline';
    case 'overdue':
      return `overdue-${step.offsetWorkdays}`;
    case 'escalation':
      return 'escalation';
  }
}

/** Throws REMINDER_POLICY_INVALID, naming the first bad step, unless every step is well formed and keys are unique. */
export function validateReminderPolicy(policy: ReminderPolicy): void {
  const steps: readonly ReminderStep[] | undefined = policy?.steps;
  if (!Array.isArray(steps)) throw policyInvalid('催办规则缺少步骤列表');
  const seen = new Set<string>();
  // Array.isArray widens a readonly array's elements to any, so iterate the typed reference.
  (steps as readonly ReminderStep[]).forEach((step, index) => {
    if (!step || !isReminderKind(step.kind)) {
      throw policyInvalid(`第 ${index + 1} 步的提醒类型无效`, { index, kind: step?.kind });
    }
    if (!Number.isSafeInteger(step.offsetWorkdays) || Math.abs(step.offsetWorkdays) > MAX_OFFSET_WORKDAYS) {
      throw policyInvalid(`第 ${index + 1} 步的工作日偏移应为 -${MAX_OFFSET_WORKDAYS} 到 ${MAX_OFFSET_WORKDAYS} 之间的整数`, {
        index,
        offsetWorkdays: step.offsetWorkdays,
      });
    }
    if (!OFFSET_SIGN[step.kind](step.offsetWorkdays)) {
      throw policyInvalid(`第 ${index + 1} 步：${SIGN_RULE[step.kind]}`, { index, offsetWorkdays: step.offsetWorkdays });
    }
    if (!isValidTimeOfDay(step.at)) {
      throw policyInvalid(`第 ${index + 1} 步的提醒时刻应为 HH:mm 格式`, { index, at: step.at });
    }
    const key = slotKey(step);
    if (seen.has(key)) throw policyInvalid(`第 ${index + 1} 步与前面的步骤重复（${key}）`, { index, slot: key });
    seen.add(key);
  });
}

function isReminderKind(value: unknown): value is ReminderKind {
  return (REMINDER_KINDS as readonly unknown[]).includes(value);
}

function policyInvalid(message: string, details?: Record<string, unknown>) {
  return ReminderErrors.reminderPolicyInvalid(message, details);
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    Object.values(value).forEach(deepFreeze);
    Object.freeze(value);
  }
  return value;
}
