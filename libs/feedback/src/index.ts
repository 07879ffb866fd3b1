export * from './entities';
export * from './pure';
export * from './feedback.module';
export * from './feedback-draft.service';
export * from './sealing.service';
export * from './submission.service';
export * from './receipt.service';
export * from './receipt-key.service';
