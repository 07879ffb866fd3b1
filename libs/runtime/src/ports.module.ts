import { Global, Module } from '@nestjs/common';
import { ReminderPlanner } from '@zq/consultation';
import { RemindersModule, RoundReminderPlanner } from '@zq/reminders';

/**
 * Binds the ports a lower library declares (an abstract class as the DI token) to the upper
 * library that implements them: consultation plans reminders through ReminderPlanner, which
 * the reminders library implements.
 */
@Global()
@Module({
  imports: [RemindersModule],
  providers: [{ provide: ReminderPlanner, useExisting: RoundReminderPlanner }],
  exports: [ReminderPlanner],
})
export class PortsModule {}
