import type { Actor } from '@zq/access';
import type { LetterFile } from './round-attachments.service';

/** What a letter-file generator is told about the round being launched (the deadline as fixed at launch). */
export interface LaunchingRound {
  id: string;
  versionId: string;
  title: string;
  deadline: Date;
  /** the round asks a city's reply for 经市政府同意: the template carries the line to tick */
  cityApprovalRequired: boolean;
}

/**
 * The port through which launch gets the files every letter carries besides the office's own: the
 * draft as Word and the round's 反馈意见表. Implemented by `@zq/feedback` (which owns the template)
 * and bound in `@zq/runtime`; launch stores what it returns as the round's first attachments.
 */
export abstract class LetterAttachmentMaker {
  abstract make(actor: Actor, round: LaunchingRound): Promise<LetterFile[]>;
}
