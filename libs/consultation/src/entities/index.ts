import { RoundAttachmentFile } from './round-attachment.entity';
import { ConsultationRound, RecipientExtension, RoundRecipient } from './round.entity';
export * from './round.entity';
export * from './round-attachment.entity';
export const consultationEntities = [ConsultationRound, RoundRecipient, RecipientExtension, RoundAttachmentFile];
