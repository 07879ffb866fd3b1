import { Module } from '@nestjs/common';
import { DraftingModule } from '@zq/drafting';
import { MailModule } from '@zq/mail';
import { RemindersModule } from '@zq/reminders';
import { BoardService } from './board.service';
import { FireReminderHandler } from './fire-reminder.handler';
import { RecipientService } from './recipient.service';
import { RoundFactsReader } from './round-facts';
import { RoundRemindersService } from './round-reminders.service';
import { RoundService } from './round.service';

/** Consultation rounds: drafts, launch, recipients, tracking board, 催办 and 延期. */
@Module({
  imports: [DraftingModule, MailModule, RemindersModule],
  providers: [RoundFactsReader, RoundService, BoardService, RecipientService, RoundRemindersService, FireReminderHandler],
  exports: [RoundService, BoardService, RecipientService, RoundRemindersService],
})
export class ConsultationModule {}
