import { Global, Module } from '@nestjs/common';
import { AdoptionModule, ConclusionPublication } from '@zq/adoption';
import { ConsultationModule, LetterAttachmentMaker, ReminderPlanner, RoundAttachmentsService, RoundVersionVisibility } from '@zq/consultation';
import { FeedbackModule, LetterFilesMaker } from '@zq/feedback';
import { MailAttachmentStore } from '@zq/mail';
import { VersionPublication, VersionVisibility } from '@zq/drafting';
import { RemindersModule, RoundReminderPlanner } from '@zq/reminders';

/**
 * Binds the ports a lower library declares (an abstract class as the DI token) to the upper
 * library that implements them:
 * - consultation's ReminderPlanner ← reminders (what launch, 延期 and 豁免 do to the schedule);
 * - drafting's VersionVisibility ← consultation (a unit sees the versions sent to it);
 * - drafting's VersionPublication ← adoption (a next version is published by 办结);
 * - mail's MailAttachmentStore ← consultation (a letter mail's files are the round's stored attachments);
 * - consultation's LetterAttachmentMaker ← feedback (launch attaches the draft as Word and the 反馈意见表).
 */
@Global()
@Module({
  imports: [ConsultationModule, RemindersModule, AdoptionModule, FeedbackModule],
  providers: [
    { provide: ReminderPlanner, useExisting: RoundReminderPlanner },
    { provide: VersionVisibility, useExisting: RoundVersionVisibility },
    { provide: VersionPublication, useExisting: ConclusionPublication },
    { provide: MailAttachmentStore, useExisting: RoundAttachmentsService },
    { provide: LetterAttachmentMaker, useExisting: LetterFilesMaker },
  ],
  exports: [ReminderPlanner, VersionVisibility, VersionPublication, MailAttachmentStore, LetterAttachmentMaker],
})
export class PortsModule {}
