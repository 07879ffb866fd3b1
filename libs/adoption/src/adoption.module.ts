import { Module } from '@nestjs/common';
import { ConsultationModule } from '@zq/consultation';
import { DraftingModule } from '@zq/drafting';
import { AdoptionReportService } from './adoption-report.service';
import { DispositionService } from './disposition.service';
import { FeedbackReviewService } from './feedback-review.service';
import { NextVersionService } from './next-version.service';
import { ConclusionPublication } from './version-publication';

/** Adoption (采纳): decisions on every item, the next version, 意见采纳情况表 and 修改对照表. */
@Module({
  imports: [DraftingModule, ConsultationModule],
  providers: [FeedbackReviewService, DispositionService, NextVersionService, AdoptionReportService, ConclusionPublication],
  exports: [FeedbackReviewService, DispositionService, NextVersionService, AdoptionReportService, ConclusionPublication],
})
export class AdoptionModule {}
