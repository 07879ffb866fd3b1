import { Global, Module } from '@nestjs/common';
import { AdoptionModule, ConclusionPublication } from '@zq/adoption';
import { ConsultationModule, ReminderPlanner, RoundVersionVisibility } from '@zq/consultation';
import { VersionPublication, VersionVisibility } from '@zq/drafting';
import { RemindersModule, RoundReminderPlanner } from '@zq/reminders';

/**
 * Binds the ports a lower library declares (an abstract class as the DI token) to the upper
 * library that implements them:
 * - consultation's ReminderPlanner ← reminders (what launch, 延期 and 豁免 do to the schedule);
 * - drafting's VersionVisibility ← consultation (a unit sees the versions sent to it);
 * - drafting's VersionPublication ← adoption (a next version is published by 办结).
 */
@Global()
@Module({
  imports: [ConsultationModule, RemindersModule, AdoptionModule],
  providers: [
    { provide: ReminderPlanner, useExisting: RoundReminderPlanner },
    { provide: VersionVisibility, useExisting: RoundVersionVisibility },
    { provide: VersionPublication, useExisting: ConclusionPublication },
  ],
  exports: [ReminderPlanner, VersionVisibility, VersionPublication],
})
export class PortsModule {}
