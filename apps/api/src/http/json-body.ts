import { HttpException } from '@nestjs/common';
import { json, urlencoded } from 'express';
import type { NextFunction, Request, Response } from 'express';

/** Deeper than any request DTO (a reply item's attestation seals are 4 levels down). */
export const MAX_JSON_DEPTH = 32;

const MB = 1024 * 1024;
/** Most bodies are small; the few that carry documents or whole replies get more, by route. */
export const BODY_LIMITS: { method: string; path: RegExp; bytes: number }[] = [
  // an import's text (≤ 5,000,000 characters, up to 3 bytes each) or a .docx as base64 (≤ 30 MB), with the
  // corrected tree sent back (preview/edit and the import itself: a 1,000-clause draft's tree is a few MB)
  { method: 'POST', path: /^\/api\/v1\/policies\/import(\/preview(\/edit)?)?\/?$/, bytes: 40 * MB },
  { method: 'POST', path: /^\/api\/v1\/rounds\/from-letter\/?$/, bytes: 40 * MB },
  { method: 'POST', path: /^\/api\/v1\/policies\/[^/]+\/versions(\/[^/]+)?(\/import)?\/?$/, bytes: 40 * MB },
  // a reply (≤ 1,000 items), entered by the unit or by the office for it: 8 MB is far above any real one
  { method: 'PUT', path: /^\/api\/v1\/rounds\/[^/]+\/(my-reply|recipients\/[^/]+\/[a-z-]+)\/?$/, bytes: 8 * MB },
  { method: 'POST', path: /^\/api\/v1\/rounds\/[^/]+\/recipients\/[^/]+\/[a-z-]+\/?$/, bytes: 8 * MB },
  // bulk decisions (≤ 200,000 items)
  { method: 'POST', path: /^\/api\/v1\/rounds\/[^/]+\/dispositions\/?$/, bytes: 20 * MB },
];
export const DEFAULT_BODY_LIMIT = 2 * MB;

export function bodyLimitFor(method: string, path: string): number {
  return BODY_LIMITS.find((l) => l.method === method && l.path.test(path))?.bytes ?? DEFAULT_BODY_LIMIT;
}

/**
 * Nesting depth of a JSON text, found by one scan of the raw characters (strings skipped), so a
 * body nested 100,000 deep is refused in microseconds, before JSON.parse and class-transformer.
 */
export function jsonDepthExceeds(text: string, max: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      if (++depth > max) return true;
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return false;
}

class BodyTooDeep extends Error {
  readonly status = 400;
  readonly type = 'entity.too.deep';
}

const tooLarge = (limit: number) =>
  new HttpException(
    { code: 'BODY_TOO_LARGE', message: `请求内容过大（此接口最多 ${Math.round(limit / MB)} MB）`, details: { maxBytes: limit } },
    413,
  );

/** body-parser's errors (by their `type`) as the product's JSON errors with stable codes. */
function mapBodyError(err: { type?: string; status?: number; limit?: number }, limit: number): HttpException {
  switch (err.type) {
    case 'entity.too.large':
      return tooLarge(limit);
    case 'entity.too.deep':
      return new HttpException({ code: 'BODY_TOO_DEEP', message: `请求内容嵌套过深（最多 ${MAX_JSON_DEPTH} 层）`, details: { maxDepth: MAX_JSON_DEPTH } }, 400);
    case 'entity.parse.failed':
      return new HttpException({ code: 'BODY_INVALID_JSON', message: '请求内容不是有效的 JSON' }, 400);
    case 'charset.unsupported':
    case 'encoding.unsupported':
      return new HttpException({ code: 'BODY_ENCODING_UNSUPPORTED', message: '请求内容的编码不受支持，请使用 UTF-8' }, 415);
    case 'request.aborted':
    case 'request.size.invalid':
    case 'stream.encoding.set':
      return new HttpException({ code: 'BODY_INCOMPLETE', message: '请求内容不完整' }, 400);
    default:
      return new HttpException({ code: 'BODY_INVALID', message: '请求内容无法读取' }, err.status && err.status < 500 ? err.status : 400);
  }
}

function verifyDepth(_req: unknown, _res: unknown, buf: Buffer): void {
  // a quick byte test first: a body with few brackets cannot be deep
  if (buf.length > MAX_JSON_DEPTH && jsonDepthExceeds(buf.toString('utf8'), MAX_JSON_DEPTH)) throw new BodyTooDeep();
}

/**
 * JSON (and urlencoded) body parsing for every route: a size cap chosen by route, checked from
 * Content-Length before anything is read, and a depth cap checked on the raw text before parsing.
 * Errors go on to Nest's exception filter as `{statusCode, code, message}`.
 */
export function bodyParsers(): ((req: Request, res: Response, next: NextFunction) => void)[] {
  const parsers = new Map<number, { json: ReturnType<typeof json>; form: ReturnType<typeof urlencoded> }>();
  const forLimit = (limit: number) => {
    let p = parsers.get(limit);
    if (!p) {
      p = {
        json: json({ limit, verify: verifyDepth as never, strict: true }),
        form: urlencoded({ limit, extended: false, verify: verifyDepth as never, parameterLimit: 1000 }),
      };
      parsers.set(limit, p);
    }
    return p;
  };
  const run = (which: 'json' | 'form') =>
    function jsonParser(req: Request, res: Response, next: NextFunction): void {
      const limit = bodyLimitFor(req.method, req.path);
      forLimit(limit)[which](req, res, (err?: unknown) => (err ? next(mapBodyError(err as never, limit)) : next()));
    };
  const json1 = run('json');
  const form = run('form');
  Object.defineProperty(form, 'name', { value: 'urlencodedParser' });
  return [json1, form];
}
