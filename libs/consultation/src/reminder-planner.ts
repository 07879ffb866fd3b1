import type { EntityManager } from 'typeorm';

/** A round's reminder policy as consultation stores it (the reminders library defines and checks it). */
export interface RoundReminderPolicy {
  steps: readonly { kind: string; offsetWorkdays: number; at: string }[];
}

/** What the office sees of a re-planned reminder. */
export interface PlannedReminder {
  slot: string;
  kind: string;
  dueAt: Date;
}

/** Work a plan hands over once the caller's transaction has committed (queueing, removing jobs); the caller awaits it. */
export type AfterCommit = () => Promise<void>;

/**
 * The port through which consultation tells the reminders library what a round's life does to its
 * reminder schedule. Consultation calls it inside its own transaction (passing the EntityManager),
 * never writes the `reminder` table itself, and runs `afterCommit` once the transaction committed.
 * Implemented by `@zq/reminders` (RoundReminderPlanner) and bound in `@zq/runtime`.
 */
export abstract class ReminderPlanner {
  /** The policy to store on a round: the given one checked (REMINDER_POLICY_INVALID), or the default. */
  abstract policy(input: RoundReminderPolicy | undefined): RoundReminderPolicy;

  /** 发出: plans the reminders of every recipient of the round from its (shared) deadline. */
  abstract planned(
    em: EntityManager,
    plan: { roundId: string; recipients: { recipientId: string; unitId: string }[]; policy: RoundReminderPolicy; deadline: Date; launchedAt: Date },
  ): Promise<{ reminders: number; afterCommit: AfterCommit }>;

  /**
   * 延期: the recipient's future reminders are cancelled and a new generation is planned from its
   * new deadline (steps already past are left out).
   */
  abstract moved(
    em: EntityManager,
    move: { roundId: string; recipientId: string; unitId: string; policy: RoundReminderPolicy; roundDeadline: Date; deadline: Date; now: Date },
  ): Promise<{ generation: number; cancelled: number; reminders: PlannedReminder[]; afterCommit: AfterCommit }>;

  /** 豁免 (or any end of a recipient's schedule): its still-scheduled reminders are cancelled, `reason` recorded. */
  abstract stopped(em: EntityManager, stop: { recipientIds: string[]; reason: string }): Promise<{ cancelled: number; afterCommit: AfterCommit }>;

  /** The round closed or reopened: nothing is re-planned (a reminder re-checks the round when it fires); the queue is nudged. */
  abstract roundStatusChanged(roundId: string): void;
}
