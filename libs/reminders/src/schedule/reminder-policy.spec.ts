import { DomainError } from '@zq/common';
import { DEFAULT_REMINDER_POLICY, ReminderPolicy, ReminderStep, slotKey, validateReminderPolicy } from './reminder-policy';

const problem = (policy: ReminderPolicy): DomainError | undefined => {
  try {
    validateReminderPolicy(policy);
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  return undefined;
};
const withStep = (step: Partial<ReminderStep>): ReminderPolicy => ({
  steps: [{ kind: 'overdue', offsetWorkdays: 1, at: '09:00', ...step } as ReminderStep],
});

describe('DEFAULT_REMINDER_POLICY', () => {
  it('reminds 3 and 1 working days before, on the day, 3 days overdue, then escalates', () => {
    expect(DEFAULT_REMINDER_POLICY.steps.map(slotKey)).toEqual([
      'before-3',
      'before-1',
      'deadline',
      'overdue-1',
      'overdue-2',
      'overdue-3',
      'escalation',
    ]);
    expect(DEFAULT_REMINDER_POLICY.steps.every((step) => step.at === '09:00')).toBe(true);
    expect(problem(DEFAULT_REMINDER_POLICY)).toBeUndefined();
  });

  it('cannot be changed by accident', () => {
    expect(Object.isFrozen(DEFAULT_REMINDER_POLICY)).toBe(true);
    expect(Object.isFrozen(DEFAULT_REMINDER_POLICY.steps)).toBe(true);
    expect(Object.isFrozen(DEFAULT_REMINDER_POLICY.steps[0])).toBe(true);
  });
});

describe('validateReminderPolicy', () => {
  it('accepts a policy with no reminders at all', () => {
    expect(problem({ steps: [] })).toBeUndefined();
  });

  it.each<[string, Partial<ReminderStep>]>([
    ['a before-deadline step after the deadline', { kind: 'before_deadline', offsetWorkdays: 2 }],
    ['a deadline-day step off the day', { kind: 'deadline_day', offsetWorkdays: -1 }],
    ['an overdue step before the deadline', { kind: 'overdue', offsetWorkdays: 0 }],
    ['an escalation before the deadline', { kind: 'escalation', offsetWorkdays: -2 }],
    ['a fractional offset', { offsetWorkdays: 1.5 }],
    ['an offset too far away', { offsetWorkdays: 61 }],
    ['an unknown kind', { kind: 'toString' as ReminderStep['kind'] }],
    ['a malformed time', { at: '9:00' }],
  ])('rejects %s', (_, step) => {
    const error = problem(withStep(step));
    expect(error?.code).toBe('REMINDER_POLICY_INVALID');
    expect(error?.details).toMatchObject({ index: 0 });
    expect(error?.message).toContain('第 1 步');
  });

  it('rejects two steps that would share a slot key', () => {
    const error = problem({
      steps: [
        { kind: 'escalation', offsetWorkdays: 4, at: '09:00' },
        { kind: 'escalation', offsetWorkdays: 6, at: '09:00' },
      ],
    });
    expect(error?.code).toBe('REMINDER_POLICY_INVALID');
    expect(error?.details).toEqual({ index: 1, slot: 'escalation' });
  });

  it('rejects a policy without steps', () => {
    expect(problem({} as ReminderPolicy)?.code).toBe('REMINDER_POLICY_INVALID');
    expect(problem(null as unknown as ReminderPolicy)?.code).toBe('REMINDER_POLICY_INVALID');
  });
});
