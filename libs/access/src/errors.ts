import { DomainError, conflict, forbidden, invalidInput, notFound } from '@zq/common';

type Details = Record<string, unknown>;

/**
 * The error codes access raises, with their Chinese messages: one place to read what a user can
 * be told and under which stable code. apps/api maps the kind to the status (404, 400, 422, 409, 403).
 */
export const AccessErrors = {
  adminOnly: (details?: Details) => forbidden('ADMIN_ONLY', '仅限管理员操作', details),
  approverOnly: (details?: Details) => forbidden('APPROVER_ONLY', '只有本单位签发人可以盖章提交', details),
  invitationExpired: (details?: Details) => conflict('INVITATION_EXPIRED', '邀请链接已过期，请联系发起单位重新邀请', details),
  invitationNotFound: (details?: Details) => notFound('INVITATION_NOT_FOUND', '邀请链接无效', details),
  invitationUsed: (details?: Details) => conflict('INVITATION_USED', '该邀请链接已使用', details),
  notVisible: (what: unknown, details?: Details) => notFound('NOT_FOUND', `${what}不存在或无权查看`, details),
  officeOnly: (details?: Details) => forbidden('OFFICE_ONLY', '仅限征求意见发起单位的工作人员操作', details),
  passwordTooShort: (details?: Details) => invalidInput('PASSWORD_TOO_SHORT', '密码至少 8 位', details),
  roleNotInvitable: (details?: Details) => invalidInput('ROLE_NOT_INVITABLE', '只能邀请单位起草人或签发人', details),
  unitNotAllowed: (details?: Details) => invalidInput('UNIT_NOT_ALLOWED', '办公室用户不绑定征求对象单位', details),
  unitRequired: (details?: Details) => invalidInput('UNIT_REQUIRED', '单位用户必须绑定一个单位', details),
  usernameTaken: (username: unknown, details?: Details) => conflict('USERNAME_TAKEN', `用户名“${username}”已被使用`, details),
  loginFailed: (details?: Details) => new DomainError('unauthenticated', 'LOGIN_FAILED', '用户名或密码错误', details),
  loginLocked: (minutes: number, details?: Details) => new DomainError('rate_limited', 'LOGIN_LOCKED', `登录失败次数过多，已暂停登录，请 ${minutes} 分钟后再试`, details),
  tokenInvalid: (details?: Details) => new DomainError('unauthenticated', 'TOKEN_INVALID', '登录已失效，请重新登录', details),
};
