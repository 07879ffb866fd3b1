import { HttpStatus, RequestMethod } from '@nestjs/common';
import { HTTP_CODE_METADATA, METHOD_METADATA } from '@nestjs/common/constants';
import { OpenAPIObject } from '@nestjs/swagger';
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { apiControllers } from '../api.module';
import { isPublicRoute } from '../http/auth.guard';
import { contractDocument } from './contract-app';
import { operationId } from './document';
import { REPO_ROOT, staleContractFiles } from './generate';

const run = promisify(execFile);
const ERROR_REF = '#/components/schemas/ErrorResponse';

interface Op {
  method: string;
  path: string;
  operationId: string;
  summary?: string;
  tags?: string[];
  security?: unknown[];
  parameters?: { name: string; in: string; schema?: { format?: string } }[];
  responses: Record<string, { content?: Record<string, { schema?: { $ref?: string; type?: string; format?: string; items?: unknown; properties?: unknown } }> }>;
}

function operations(doc: OpenAPIObject): Op[] {
  return Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.entries(item as Record<string, Omit<Op, 'method' | 'path'>>)
      .filter(([method]) => ['get', 'put', 'post', 'delete', 'patch'].includes(method))
      .map(([method, op]) => ({ ...op, method, path })),
  );
}

/** Every route handler of every controller, by the operationId the document gives it. */
function handlers(): Map<string, { handler: Function; controller: Function }> {
  const out = new Map<string, { handler: Function; controller: Function }>();
  for (const controller of apiControllers) {
    for (const key of Object.getOwnPropertyNames(controller.prototype)) {
      const handler = controller.prototype[key];
      if (typeof handler === 'function' && Reflect.getMetadata(METHOD_METADATA, handler) !== undefined) out.set(operationId(controller.name, key), { handler, controller });
    }
  }
  return out;
}

const nestStatus = (handler: Function): number =>
  Reflect.getMetadata(HTTP_CODE_METADATA, handler) ?? (Reflect.getMetadata(METHOD_METADATA, handler) === RequestMethod.POST ? HttpStatus.CREATED : HttpStatus.OK);

describe('API contract (OpenAPI)', () => {
  let doc: OpenAPIObject;
  beforeAll(async () => {
    doc = await contractDocument();
  });

  it('describes every operation: summary, tag, typed 2xx at the status Nest answers with, errors as ErrorResponse, uuid ids', () => {
    const routes = handlers();
    const problems: string[] = [];
    const ops = operations(doc);
    expect(ops.length).toBe(routes.size);
    for (const op of ops) {
      const at = `${op.method.toUpperCase()} ${op.path} (${op.operationId})`;
      const route = routes.get(op.operationId);
      if (!route) {
        problems.push(`${at}: no handler with this operationId`);
        continue;
      }
      if (!op.summary?.trim()) problems.push(`${at}: no summary — add @ApiOperation({ summary: '…' })`);
      if (!op.tags?.length) problems.push(`${at}: no tag — add @ApiTags(…) to the controller`);
      const success = Object.keys(op.responses).filter((s) => /^2\d\d$/.test(s));
      if (success.length !== 1 || Number(success[0]) !== nestStatus(route.handler))
        problems.push(`${at}: documents success ${success.join(',') || 'none'}, answers ${nestStatus(route.handler)}`);
      for (const s of success) {
        const content = Object.entries(op.responses[s].content ?? {});
        const typed = content.length > 0 && content.every(([mime, c]) => (mime === 'application/json' ? !!(c.schema?.$ref || c.schema?.type) : c.schema?.format === 'binary'));
        if (!typed) problems.push(`${at}: ${s} has no schema — add @ApiResult(ResponseClass) or @ApiFile('docx' | 'xlsx' | …)`);
        const json = op.responses[s].content?.['application/json']?.schema;
        if (json?.type === 'object' && !json.$ref && !json.properties) problems.push(`${at}: ${s} is an untyped object — give it a response class`);
      }
      const errors = Object.keys(op.responses).filter((s) => /^[45]\d\d$/.test(s));
      if (!errors.some((s) => s.startsWith('4'))) problems.push(`${at}: no 4xx response`);
      for (const s of errors.filter((e) => e !== '503')) {
        if (op.responses[s].content?.['application/json']?.schema?.$ref !== ERROR_REF) problems.push(`${at}: ${s} does not reference ErrorResponse — use @ApiErrors({ ${s}: ['CODE'] })`);
      }
      const isPublic = isPublicRoute(route.handler, route.controller);
      if (isPublic && !(Array.isArray(op.security) && op.security.length === 0)) problems.push(`${at}: @Public() route without security: []`);
      if (!isPublic && op.security !== undefined) problems.push(`${at}: signed-in route overrides the global bearer security`);
      if (!isPublic && !op.responses['401']) problems.push(`${at}: signed-in route without 401`);
      for (const p of op.parameters ?? []) {
        if (p.in === 'path' && /(^id|Id)$/.test(p.name) && p.schema?.format !== 'uuid') problems.push(`${at}: path id ${p.name} is not format: uuid — use ParseUUIDPipe`);
      }
    }
    const ids = ops.map((o) => o.operationId);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
    expect(problems).toEqual([]);
  });

  it('has one named error schema { statusCode, code, message, details? }', () => {
    const schema = doc.components?.schemas?.ErrorResponse as { properties: Record<string, unknown>; required: string[] };
    expect(Object.keys(schema.properties).sort()).toEqual(['code', 'details', 'message', 'statusCode']);
    expect(schema.required.sort()).toEqual(['code', 'message', 'statusCode']);
  });

  it('has no property typed as a bare object where a type is known', () => {
    const loose: string[] = [];
    for (const [name, schema] of Object.entries(doc.components?.schemas ?? {}) as [string, { properties?: Record<string, Record<string, unknown>> }][]) {
      for (const [prop, p] of Object.entries(schema.properties ?? {})) {
        if (p.type === 'object' && !p.properties && !p.additionalProperties && !p.$ref && !p.allOf) loose.push(`${name}.${prop}`);
      }
    }
    expect(loose).toEqual([]);
  });

  it('passes redocly lint (recommended rules) with no errors', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'zq-lint-'));
    try {
      await writeFile(join(dir, 'openapi.json'), JSON.stringify(doc));
      const lint = await run(process.execPath, [join(REPO_ROOT, 'node_modules', '@redocly', 'cli', 'bin', 'cli.js'), 'lint', join(dir, 'openapi.json'), '--config', join(REPO_ROOT, 'redocly.yaml'), '--format', 'stylish'], { cwd: REPO_ROOT }).catch(
        (err: { stdout: string; stderr: string }) => ({ stdout: err.stdout, stderr: err.stderr, failed: true }),
      );
      expect({ failed: 'failed' in lint, output: 'failed' in lint ? `${lint.stdout}${lint.stderr}` : '' }).toEqual({ failed: false, output: '' });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('the committed document and web client types are what the server describes', async () => {
    const stale = await staleContractFiles();
    if (stale.length) throw new Error(`The API changed but the committed contract did not: ${stale.join(', ')}.\nRun \`npm run openapi:generate\` and commit the result.`);
  });
});
