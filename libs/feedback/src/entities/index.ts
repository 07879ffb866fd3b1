import { EvidenceFile, FeedbackDraft, SealedItem, SealedSubmission, SubmissionReview } from './feedback.entity';
export * from './feedback.entity';
export const feedbackEntities = [FeedbackDraft, EvidenceFile, SealedSubmission, SealedItem, SubmissionReview];
