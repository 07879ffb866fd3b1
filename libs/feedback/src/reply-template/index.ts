export type { ReplyTemplateInput, TemplateRow } from './reply-template';
export { clauseLabelRows, renderReplyTemplateDocx, renderReplyTemplateXlsx, TEMPLATE_COLUMNS } from './reply-template';
