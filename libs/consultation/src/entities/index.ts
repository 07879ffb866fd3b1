import { ConsultationRound, RecipientExtension, RoundRecipient } from './round.entity';
export * from './round.entity';
export const consultationEntities = [ConsultationRound, RoundRecipient, RecipientExtension];
