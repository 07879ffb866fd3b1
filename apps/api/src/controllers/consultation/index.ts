import { MyRoundsController } from './my-rounds.controller';
import { RoundAttachmentsController } from './round-attachments.controller';
import { RoundsController } from './rounds.controller';

/** Controllers of the consultation domain, registered by ApiModule. */
export const consultationControllers: Function[] = [RoundsController, MyRoundsController, RoundAttachmentsController];
