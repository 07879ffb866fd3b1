import { invalidInput } from '@zq/common';

type Details = Record<string, unknown>;

/**
 * The error codes reminders raises, with their Chinese messages: one place to read what a user can
 * be told and under which stable code. apps/api maps the kind to the status (404, 400, 422, 409, 403).
 */
export const ReminderErrors = {
  invalidInstant: (field: unknown, details?: Details) => invalidInput('INVALID_INSTANT', `时间无效（${field}）`, details),
  reminderExtensionNotLater: (details?: Details) => invalidInput('REMINDER_EXTENSION_NOT_LATER', '延期后的截止时间应晚于原截止时间', details),
  reminderPolicyInvalid: (message: unknown, details?: Details) => invalidInput('REMINDER_POLICY_INVALID', `催办规则无效：${message}`, details),
};
