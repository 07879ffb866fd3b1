import { MyReplyController } from './my-reply.controller';
import { ReceiptsController } from './receipts.controller';
import { ReplyIntakeController } from './reply-intake.controller';
import { SubmissionsController } from './submissions.controller';

/** Controllers of the feedback domain, registered by ApiModule. */
export const feedbackControllers: Function[] = [MyReplyController, SubmissionsController, ReceiptsController, ReplyIntakeController];
