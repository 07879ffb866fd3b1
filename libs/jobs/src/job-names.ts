/**
 * Every queue and job name in one place.
 * WARNING: these strings are stored with queued jobs in Redis/PostgreSQL; renaming one strands
 * the jobs already queued under the old name. Add new names; retire old ones after queues drain.
 */
export enum QueueName {
  Mail = 'mail',
  Reminders = 'reminders',
  Maintenance = 'maintenance',
}

export enum JobName {
  /** send one rendered mail_message row */
  SendMail = 'mail.send',
  /** fire one scheduled reminder row (催办), payload { reminderId } */
  FireReminder = 'reminder.fire',
  /** fire every reminder due by now in batches (many fell due at one instant), payload { dueAt } */
  FireDueReminders = 'reminder.fire-due',
  /** rebuild missing reminder jobs from the schedule rows, payload { roundId? } */
  ReconcileReminders = 'maintenance.reconcile-reminders',
}

export const QUEUE_OF_JOB: Record<JobName, QueueName> = {
  [JobName.SendMail]: QueueName.Mail,
  [JobName.FireReminder]: QueueName.Reminders,
  [JobName.FireDueReminders]: QueueName.Reminders,
  [JobName.ReconcileReminders]: QueueName.Maintenance,
};

/** Retries with exponential backoff, set once for every job. */
export const DEFAULT_JOB_OPTIONS = {
  attempts: 8,
  backoff: { type: 'exponential', delay: 2000 },
  removeOnComplete: { age: 7 * 24 * 3600, count: 100_000 },
  removeOnFail: { age: 30 * 24 * 3600 },
} as const;
