import { Injectable } from '@nestjs/common';
import type { Actor } from '@zq/access';
import { LaunchingRound, LetterAttachmentMaker, LetterFile } from '@zq/consultation';
import { DraftingService } from '@zq/drafting';
import { RenderThreads } from '@zq/common';
import { REPLY_TEMPLATE } from './reply-template';

/**
 * The files launch attaches to every letter besides the office's own: the draft as Word (附件1) and
 * the round's blank 反馈意见表 (附件2), which the parser reads back (parse-reply); its 经市政府同意 line
 * only when the round asks cities for it.
 */
@Injectable()
export class LetterFilesMaker extends LetterAttachmentMaker {
  constructor(
    private readonly drafting: DraftingService,
    private readonly renders: RenderThreads,
  ) {
    super();
  }

  async make(actor: Actor, round: LaunchingRound): Promise<LetterFile[]> {
    const draft = await this.drafting.export(actor, round.versionId, 'docx');
    const documentTitle = draft.fileName.replace(/\.docx$/, '');
    const template = await this.renders.run(REPLY_TEMPLATE, 'renderReplyTemplateDocx', {
      roundTitle: round.title,
      documentTitle,
      forCity: round.cityApprovalRequired,
      deadlineText: new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', year: 'numeric', month: 'long', day: 'numeric' }).format(round.deadline),
    });
    return [
      { name: draft.fileName, content: draft.body, origin: 'draft' },
      { name: '反馈意见表.docx', content: template, origin: 'template' },
    ];
  }
}
