import { conflict, notFound } from '@zq/common';

type Details = Record<string, unknown>;

/**
 * The error codes mail raises, with their Chinese messages: one place to read what a user can
 * be told and under which stable code. apps/api maps the kind to the status (404, 400, 422, 409, 403).
 */
export const MailErrors = {
  mailAlreadySent: (details?: Details) => conflict('MAIL_ALREADY_SENT', '该邮件已发送，无需重发', details),
  mailBeingSent: (details?: Details) => conflict('MAIL_BEING_SENT', '该邮件正在发送，请稍后刷新查看', details),
  mailNotFound: (details?: Details) => notFound('MAIL_NOT_FOUND', '邮件不存在', details),
};
