import { ApiProperty } from '@nestjs/swagger';

// Response bodies of these controllers, as sent (derived from the services' return types; keep them in step).

export class ReminderRow {
  @ApiProperty({ type: String }) dueLocal: string;
  @ApiProperty({ type: String, nullable: true }) firedLocal: string | null;
  @ApiProperty({ type: String }) stepLabel: string;
  @ApiProperty({ type: String, format: 'date-time' }) dueAt: Date;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) firedAt: Date | null;
  @ApiProperty({ type: String }) kind: string;
  @ApiProperty({ type: String }) slot: string;
}

export class ManualReminderResult {
  @ApiProperty({ type: () => ManualReminderSent, isArray: true }) sent: ManualReminderSent[];
  @ApiProperty({ type: () => ManualReminderSkipped, isArray: true }) skipped: ManualReminderSkipped[];
}

export class ManualReminderSent {
  @ApiProperty({ type: String, format: 'uuid' }) unitId: string;
  @ApiProperty({ type: String }) name: string;
  @ApiProperty({ type: String }) slot: string;
}

export class ManualReminderSkipped {
  @ApiProperty({ type: String, format: 'uuid' }) unitId: string;
  @ApiProperty({ type: String }) name: string;
  @ApiProperty({ type: String }) reason: string;
}

export class ReconcileResult {
  @ApiProperty({ type: Number, description: 'scheduled reminder rows looked at' }) scheduled: number;
  @ApiProperty({ type: Number, description: 'of those, jobs already waiting in the queue' }) present: number;
  @ApiProperty({ type: Number, description: 'jobs that were missing and were added again' }) restored: number;
}

export class SweepResult {
  @ApiProperty({ type: Number, description: 'scheduled reminders whose due time has come' }) due: number;
  @ApiProperty({ type: Number, description: 'delayed jobs moved forward to run now' }) promoted: number;
  @ApiProperty({ type: Number, description: 'jobs that were missing (or finished early) and were added to run now' }) added: number;
}
