import { invalidInput, ruleViolation, type DomainError } from '@zq/common';

/** Stable codes of a reply file that cannot be read into items; the message says in Chinese what to do. */
export type ReplyErrorCode =
  | 'REPLY_EMPTY_FILE'
  | 'REPLY_TOO_LARGE'
  | 'REPLY_ENCRYPTED'
  | 'REPLY_CORRUPT'
  | 'REPLY_UNSUPPORTED_FORMAT'
  | 'REPLY_IMAGE_ONLY'
  | 'REPLY_NO_COLUMNS'
  | 'REPLY_EMPTY';

const MESSAGES: Record<ReplyErrorCode, string> = {
  REPLY_EMPTY_FILE: '文件为空',
  REPLY_TOO_LARGE: '文件过大（超过20MB），请确认是否为反馈意见表',
  REPLY_ENCRYPTED: '文件设有打开密码，无法读取：请取消密码后重新上传',
  REPLY_CORRUPT: '文件已损坏或格式不正确，无法读取：请重新导出后上传',
  REPLY_UNSUPPORTED_FORMAT: '不支持该文件格式：请上传 Word（.docx）、Excel（.xlsx）、文本（.txt）或文字版 PDF',
  REPLY_IMAGE_ONLY: '文件中只有图片、没有可识别的文字（可能是扫描件）：请上传 Word/Excel 版的反馈意见表，或手工录入意见',
  REPLY_NO_COLUMNS: '表格中找不到“修改意见”等栏目：请使用反馈意见表模板，或在表头写明“章节条款”“原文”“修改意见”“理由”',
  REPLY_EMPTY: '反馈意见表没有填写任何意见，也未勾选“无意见”：请填写意见或勾选“无意见”',
};

/** 400 for a file that cannot be read; 422 for a readable file that says nothing. */
export function replyError(code: ReplyErrorCode, details?: Record<string, unknown>, message = MESSAGES[code]): DomainError {
  return code === 'REPLY_EMPTY' ? ruleViolation(code, message, details) : invalidInput(code, message, details);
}
