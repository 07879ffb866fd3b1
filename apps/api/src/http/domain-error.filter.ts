import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { DomainError, DomainErrorKind } from '@zq/common';
import type { Request, Response } from 'express';
import { randomUUID } from 'node:crypto';

const STATUS: Record<DomainErrorKind, number> = {
  invalid_input: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  rule_violation: 422,
  rate_limited: 429,
};

const HTTP_CODES: Record<number, [string, string]> = {
  400: ['BAD_REQUEST', '请求有误'],
  401: ['UNAUTHENTICATED', '请先登录'],
  403: ['FORBIDDEN', '无权执行此操作'],
  404: ['NOT_FOUND', '请求的资源不存在'],
  413: ['PAYLOAD_TOO_LARGE', '上传内容过大'],
  429: ['TOO_MANY_REQUESTS', '请求过于频繁，请稍后再试'],
};

/** The one place errors become HTTP: `{ statusCode, code, message, details? }`; every 500 carries an error id. */
@Catch()
export class DomainErrorFilter implements ExceptionFilter {
  private readonly log = new Logger('Errors');

  catch(error: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const res = ctx.getResponse<Response>();
    const req = ctx.getRequest<Request>();
    if (error instanceof DomainError) {
      res.status(STATUS[error.kind]).json({ statusCode: STATUS[error.kind], code: error.code, message: error.message, ...(error.details ? { details: error.details } : {}) });
      return;
    }
    if (error instanceof HttpException) {
      const status = error.getStatus();
      const body = error.getResponse() as { code?: string; message?: string | string[]; details?: unknown };
      if (typeof body === 'object' && body.code) {
        res.status(status).json({ statusCode: status, ...body });
        return;
      }
      const [code, message] = HTTP_CODES[status] ?? ['HTTP_ERROR', '请求失败'];
      res.status(status).json({ statusCode: status, code, message });
      return;
    }
    const pgCode = (error as { driverError?: { code?: unknown } } | undefined)?.driverError?.code;
    // a value PostgreSQL cannot take (out of range, not representable, a required column left empty) is
    // bad input that slipped past the DTO: still a 400 for the client, and logged so the DTO gets fixed
    if (typeof pgCode === 'string' && (pgCode.startsWith('22') || pgCode === '23502')) {
      this.log.warn({ err: error, pgCode, url: req.url, method: req.method }, 'input refused by PostgreSQL');
      res.status(400).json({ statusCode: 400, code: 'VALIDATION_FAILED', message: '输入有误：有值超出范围或无法保存', details: { pgCode } });
      return;
    }
    const errorId = randomUUID();
    this.log.error({ errorId, err: error, url: req.url, method: req.method }, 'unhandled error');
    res.status(HttpStatus.INTERNAL_SERVER_ERROR).json({
      statusCode: 500,
      code: 'INTERNAL_ERROR',
      message: `服务器内部错误，请将错误编号 ${errorId} 告知管理员`,
      details: { errorId },
    });
  }
}
