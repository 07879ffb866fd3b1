import { EvidenceFile, FeedbackDraft, SealedItem, SealedSubmission, SubmissionChainHead, SubmissionReview } from './feedback.entity';
export * from './feedback.entity';
export const feedbackEntities = [FeedbackDraft, EvidenceFile, SealedSubmission, SealedItem, SubmissionReview, SubmissionChainHead];
