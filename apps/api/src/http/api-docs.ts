import { HttpStatus, RequestMethod, Type } from '@nestjs/common';
import { HTTP_CODE_METADATA, METHOD_METADATA } from '@nestjs/common/constants';
import { ApiExtraModels, ApiProperty, ApiPropertyOptional, ApiResponse, getSchemaPath } from '@nestjs/swagger';

/**
 * Decorators that keep the OpenAPI contract (apps/web/src/api/openapi.json, checked by
 * apps/api/src/openapi/contract.spec.ts) precise and controllers short:
 *
 *   @Get(':id')
 *   @ApiOperation({ summary: '轮次详情' })
 *   @ApiResult(Round)
 *   @ApiErrors({ 403: ['OFFICE_ONLY'], 404: ['ROUND_NOT_FOUND'] })
 *   get(...): Promise<Round> { return this.rounds.get(actor, id); }
 *
 * 400 VALIDATION_FAILED, 401 UNAUTHENTICATED (non-public routes), 429 and 500 are added to every
 * operation by buildOpenApiDocument; list only what the service itself raises.
 */

/** The one error body: what DomainErrorFilter writes for every 4xx/5xx. */
export class ErrorResponse {
  @ApiProperty({ description: 'HTTP 状态码', example: 404 }) statusCode: number;
  @ApiProperty({ description: '稳定的错误码（程序据此判断）', example: 'ROUND_NOT_FOUND' }) code: string;
  @ApiProperty({ description: '中文说明（可直接展示给用户）', example: '征求意见轮次不存在' }) message: string;
  @ApiPropertyOptional({ description: '附加信息，如 VALIDATION_FAILED 的 fields、500 的 errorId', type: 'object', additionalProperties: true })
  details?: Record<string, unknown>;
}

export type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 413 | 422 | 429 | 500;
export type ErrorCodes = Partial<Record<ErrorStatus, readonly string[]>>;

/** Describes one error status: the ErrorResponse schema, the codes in the description and in x-error-codes. */
export function errorResponse(status: ErrorStatus, codes: readonly string[]) {
  return ApiResponse({ status, description: codes.join('、'), type: ErrorResponse, 'x-error-codes': [...codes] } as never);
}

/** The domain errors an operation can answer with, by HTTP status. */
export function ApiErrors(errors: ErrorCodes): MethodDecorator {
  return (target, key, descriptor) => {
    for (const [status, codes] of Object.entries(errors)) errorResponse(Number(status) as ErrorStatus, codes ?? [])(target, key, descriptor);
    return descriptor;
  };
}

/** The status Nest answers with: @HttpCode if given, else 201 for POST and 200 otherwise. */
function successStatus(handler: object): number {
  const code = Reflect.getMetadata(HTTP_CODE_METADATA, handler) as number | undefined;
  if (code) return code;
  return Reflect.getMetadata(METHOD_METADATA, handler) === RequestMethod.POST ? HttpStatus.CREATED : HttpStatus.OK;
}

/**
 * Registers the success response at the status the route really answers with. Decorators run
 * bottom-up, so @HttpCode may not be set yet when this one runs: the status is read once the
 * class is fully decorated (a microtask later, long before any document is built).
 */
function successResponse(options: Record<string, unknown>): MethodDecorator {
  return (target, key, descriptor) => {
    queueMicrotask(() => ApiResponse({ status: successStatus(descriptor.value as object), ...options } as never)(target, key, descriptor));
    return descriptor;
  };
}

/** The JSON success body: a response class, or `[Class]` for an array of them. */
export function ApiResult(type: Type<unknown> | [Type<unknown>], description = ''): MethodDecorator {
  const [model, isArray] = Array.isArray(type) ? [type[0], true] : [type, false];
  return successResponse({ type: model, isArray, description });
}

const MIME = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pdf: 'application/pdf',
  png: 'image/png',
  jpeg: 'image/jpeg',
  txt: 'text/plain; charset=utf-8',
} as const;
export type FileKind = keyof typeof MIME;

/** A download: the file's bytes under one of these content types, named by Content-Disposition. */
export function ApiFile(...kinds: FileKind[]): MethodDecorator {
  const content = Object.fromEntries(kinds.map((k) => [MIME[k], { schema: { type: 'string', format: 'binary' } }]));
  return successResponse({
    description: `文件下载（${kinds.join(' / ')}），文件名见 Content-Disposition`,
    content,
    headers: { 'Content-Disposition': { description: "attachment; filename*=UTF-8''…", schema: { type: 'string' } } },
  });
}

/** JSON by default, a file when asked for one (e.g. `?format=xlsx`): both bodies on the one status. */
export function ApiResultOrFile(type: Type<unknown>, ...kinds: FileKind[]): MethodDecorator {
  const content = {
    'application/json': { schema: { $ref: getSchemaPath(type) } },
    ...Object.fromEntries(kinds.map((k) => [MIME[k], { schema: { type: 'string', format: 'binary' } }])),
  };
  const extra = ApiExtraModels(type);
  return (target, key, descriptor) => {
    extra(target, key, descriptor);
    return successResponse({ description: `JSON，或文件（${kinds.join(' / ')}）`, content })(target, key, descriptor);
  };
}
