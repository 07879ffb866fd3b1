import { Module } from '@nestjs/common';
import { ConsultationModule } from '@zq/consultation';
import { DraftingModule } from '@zq/drafting';
import { MailModule } from '@zq/mail';
import { FeedbackDraftService } from './feedback-draft.service';
import { ChainHeadLogService } from './chain-head-log.service';
import { LetterFilesMaker } from './letter-files';
import { ReceiptKeyService } from './receipt-key.service';
import { ReceiptService } from './receipt.service';
import { ReplyIntakeService } from './reply-intake.service';
import { SealingService } from './sealing.service';
import { SubmissionService } from './submission.service';

/** Sealed feedback: reply drafts, evidence, sealing with receipts, review (退回补正) and verification. */
@Module({
  imports: [ConsultationModule, DraftingModule, MailModule],
  providers: [LetterFilesMaker, ReceiptKeyService, ChainHeadLogService, FeedbackDraftService, SealingService, SubmissionService, ReceiptService, ReplyIntakeService],
  exports: [LetterFilesMaker, ReceiptKeyService, ChainHeadLogService, FeedbackDraftService, SealingService, SubmissionService, ReceiptService, ReplyIntakeService],
})
export class FeedbackModule {}
