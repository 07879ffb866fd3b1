import { Module } from '@nestjs/common';
import { DraftingModule } from '@zq/drafting';
import { MailModule } from '@zq/mail';
import { BoardService } from './board.service';
import { RecipientFacts } from './recipient-facts';
import { RecipientService } from './recipient.service';
import { RoundAttachmentsService } from './round-attachments.service';
import { RoundFactsReader } from './round-facts';
import { RoundService } from './round.service';
import { RoundVersionVisibility } from './version-visibility';

/**
 * Consultation rounds: drafts, launch, recipients, tracking board, 延期 and 豁免. What these do to
 * the reminder schedule goes through the ReminderPlanner port (implemented by @zq/reminders,
 * bound in @zq/runtime); the reminders library reads rounds through RecipientFacts.
 */
@Module({
  imports: [DraftingModule, MailModule],
  providers: [RoundFactsReader, RecipientFacts, RoundService, BoardService, RecipientService, RoundVersionVisibility, RoundAttachmentsService],
  exports: [RoundAttachmentsService, RoundService, BoardService, RecipientService, RecipientFacts, RoundVersionVisibility],
})
export class ConsultationModule {}
