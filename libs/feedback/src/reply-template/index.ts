import { threadTask } from '@zq/common';

export type { ReplyTemplateInput, TemplateRow } from './reply-template';
export { clauseLabelRows, renderReplyTemplateDocx, renderReplyTemplateXlsx, TEMPLATE_COLUMNS } from './reply-template';

/** The 反馈意见表 is typeset on a render thread (RenderThreads). */
export const REPLY_TEMPLATE = threadTask<typeof import('./reply-template')>(require.resolve('./reply-template'));
