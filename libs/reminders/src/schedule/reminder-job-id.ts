/** What names a reminder: the row's round, unit, slot and generation. */
export interface ReminderJobKey {
  roundId: string;
  unitId: string;
  slot: string;
  generation: number;
}

/**
 * `remind.<roundId>.<unitId>.<slot>.g<generation>`: the reminder's deterministic name — the dedupe
 * key of its mail (so a retried job composes nothing twice) and what the mail log reads the slot from.
 */
export function reminderJobId(key: ReminderJobKey): string {
  return `remind.${key.roundId}.${key.unitId}.${key.slot}.g${key.generation}`;
}

/**
 * The BullMQ job id of a reminder row: `remind.<rowId>`. Deterministic (one row, one job), so a
 * relay, sweep or reconcile re-adding it is a no-op; '.'-separated as BullMQ ids may not hold ':'.
 * Short on purpose: BullMQ keeps the id inside each job's options, and the long descriptive name
 * pushed every pending job past Redis's compact encoding (≈ 1.2 KB instead of < 1 KB).
 */
export function reminderQueueJobId(reminderId: string | number): string {
  return `remind.${reminderId}`;
}

/** The slot of the n-th manual 催办 of a recipient (manual-1, manual-2 …). */
export function manualSlot(n: number): string {
  return `manual-${n}`;
}
