/** What names a reminder's BullMQ job: the row's round, unit, slot and generation. */
export interface ReminderJobKey {
  roundId: string;
  unitId: string;
  slot: string;
  generation: number;
}

/**
 * `remind.<roundId>.<unitId>.<slot>.g<generation>`: deterministic, so re-adding a job (relay,
 * sweep, reconcile) is a no-op, and '.'-separated because BullMQ job ids must not contain ':'.
 */
export function reminderJobId(key: ReminderJobKey): string {
  return `remind.${key.roundId}.${key.unitId}.${key.slot}.g${key.generation}`;
}

/** The slot of the n-th manual 催办 of a recipient (manual-1, manual-2 …). */
export function manualSlot(n: number): string {
  return `manual-${n}`;
}
