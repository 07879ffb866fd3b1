import { INestApplication, ParseUUIDPipe } from '@nestjs/common';
import { METHOD_METADATA, ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { getMetadataStorage } from 'class-validator';
import { apiControllers } from '../api.module';
import { ErrorResponse } from '../http/api-docs';
import { isPublicRoute } from '../http/auth.guard';

export const API_PREFIX = 'api/v1';
export const API_PREFIX_EXCLUDE = ['api/docs', 'api/docs-json'];

/** `RoundsController.list` → `roundsList`: stable as long as the method keeps its name. */
export function operationId(controllerKey: string, methodKey: string): string {
  const base = controllerKey.replace(/Controller$/, '');
  return base[0].toLowerCase() + base.slice(1) + methodKey[0].toUpperCase() + methodKey.slice(1);
}

type Schema = Record<string, unknown> & { properties?: Record<string, Schema>; items?: Schema; allOf?: Schema[] };
interface Operation {
  operationId: string;
  parameters?: { name: string; in: string; schema?: Schema; required?: boolean }[];
  requestBody?: unknown;
  security?: unknown[];
  responses: Record<string, { description?: string; content?: Record<string, unknown>; 'x-error-codes'?: string[] }>;
}

/** The OpenAPI document of the API, as served at /api/docs-json and committed as apps/web/src/api/openapi.json. */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  const doc = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('征求意见 API')
      .setDescription('多方书面征求意见工作流：起草、征求、反馈、采纳。错误一律为 ErrorResponse（statusCode、code、message、details）。')
      .setVersion('1')
      .setLicense('UNLICENSED', 'https://choosealicense.com/no-permission/')
      .addServer('/', '本服务')
      .addBearerAuth()
      .addSecurityRequirements('bearer')
      .build(),
    { operationIdFactory: operationId, extraModels: [ErrorResponse] },
  );
  finishDocument(doc);
  return doc;
}

const ERROR_REF = { $ref: '#/components/schemas/ErrorResponse' };
const COMMON: Record<string, { code: string; description: string }> = {
  '400': { code: 'VALIDATION_FAILED', description: '输入有误（details.fields 列出字段）' },
  '401': { code: 'UNAUTHENTICATED', description: '未登录或登录已失效' },
  '429': { code: 'TOO_MANY_REQUESTS', description: '请求过于频繁' },
  '500': { code: 'INTERNAL_ERROR', description: '服务器内部错误（details.errorId）' },
};

/**
 * What the decorators cannot say one operation at a time: the errors every route shares, ids and
 * limits read from the validators (class-validator metadata, so the document follows the DTOs).
 */
function finishDocument(doc: OpenAPIObject): void {
  const operations = new Map<string, Operation>();
  for (const item of Object.values(doc.paths)) {
    for (const method of ['get', 'put', 'post', 'delete', 'patch'] as const) {
      const op = (item as Record<string, Operation | undefined>)[method];
      if (op) operations.set(op.operationId, op);
    }
  }
  const schemas = (doc.components?.schemas ?? {}) as Record<string, Schema>;
  for (const target of validatedClasses()) if (schemas[target.name]) applyConstraints(schemas[target.name], target);

  for (const controller of apiControllers) {
    for (const key of Object.getOwnPropertyNames(controller.prototype)) {
      const handler = controller.prototype[key];
      if (key === 'constructor' || typeof handler !== 'function' || Reflect.getMetadata(METHOD_METADATA, handler) === undefined) continue;
      const op = operations.get(operationId(controller.name, key));
      if (!op) continue;
      if (isPublicRoute(handler, controller)) op.security = [];
      describeParameters(op, controller, key);
    }
  }

  for (const op of operations.values()) {
    const isPublic = Array.isArray(op.security) && op.security.length === 0;
    const validates = (op.parameters?.length ?? 0) > 0 || op.requestBody !== undefined;
    if (validates) addError(op, '400');
    if (!isPublic) addError(op, '401');
    addError(op, '429');
    addError(op, '500');
  }
}

function addError(op: Operation, status: string): void {
  const { code, description } = COMMON[status];
  const existing = op.responses[status];
  if (existing) {
    const codes = existing['x-error-codes'] ?? [];
    if (!codes.includes(code)) existing['x-error-codes'] = [code, ...codes];
    existing.description = existing['x-error-codes']!.join('、');
    return;
  }
  op.responses[status] = { description: `${code}：${description}`, content: { 'application/json': { schema: ERROR_REF } }, 'x-error-codes': [code] };
}

function validatedClasses(): Function[] {
  const storage = getMetadataStorage() as unknown as { validationMetadatas: Map<Function, unknown[]> };
  return [...storage.validationMetadatas.keys()];
}

interface Constraint {
  name?: string;
  constraints?: unknown[];
  each?: boolean;
  propertyName: string;
}

function constraintsOf(target: Function): Map<string, Constraint[]> {
  const all = getMetadataStorage().getTargetValidationMetadatas(target, '', true, false) as unknown as Constraint[];
  const byProperty = new Map<string, Constraint[]>();
  for (const c of all) byProperty.set(c.propertyName, [...(byProperty.get(c.propertyName) ?? []), c]);
  return byProperty;
}

/** class-validator → JSON Schema: lengths, sizes, ranges, ids, e-mails, patterns. */
function constrain(schema: Schema, list: Constraint[]): void {
  for (const c of list) {
    const args = c.constraints ?? [];
    const s = c.each && schema.type === 'array' && schema.items && !('$ref' in schema.items) ? schema.items : schema;
    switch (c.name) {
      case 'maxLength':
        s.maxLength = args[0];
        break;
      case 'minLength':
        s.minLength = args[0];
        break;
      case 'length':
        s.minLength = args[0];
        if (args[1] !== undefined) s.maxLength = args[1];
        break;
      case 'isNotEmpty':
        if (s.type === 'string' && s.minLength === undefined) s.minLength = 1;
        break;
      case 'arrayMaxSize':
        schema.maxItems = args[0];
        break;
      case 'arrayMinSize':
        schema.minItems = args[0];
        break;
      case 'min':
        s.minimum = args[0];
        break;
      case 'max':
        s.maximum = args[0];
        break;
      case 'isInt':
        s.type = 'integer';
        break;
      case 'isUuid':
        s.format = 'uuid';
        break;
      case 'isEmail':
        s.format = 'email';
        break;
      case 'isBase64':
        s.format = 'byte';
        break;
      case 'matches':
        if (args[0] instanceof RegExp) s.pattern = args[0].source;
        break;
    }
  }
}

function applyConstraints(schema: Schema, target: Function): void {
  for (const [property, list] of constraintsOf(target)) {
    const prop = schema.properties?.[property];
    if (prop && !('$ref' in prop)) constrain(prop, list);
  }
}

/** Query DTOs become parameters (no schema of their own): constrain them, and `format: uuid` for ParseUUIDPipe path ids. */
function describeParameters(op: Operation, controller: Function, key: string): void {
  const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, controller, key) ?? {}) as Record<string, { index: number; data?: string; pipes?: unknown[] }>;
  const types = (Reflect.getMetadata('design:paramtypes', controller.prototype, key) ?? []) as Function[];
  for (const [spec, arg] of Object.entries(args)) {
    const kind = Number(spec.split(':')[0]);
    if (kind === RouteParamtypes.QUERY && !arg.data && types[arg.index]) {
      for (const [property, list] of constraintsOf(types[arg.index])) {
        const param = op.parameters?.find((p) => p.in === 'query' && p.name === property);
        if (param) constrain((param.schema ??= {}), list);
      }
    }
    if (kind === RouteParamtypes.PARAM && arg.data && arg.pipes?.some((p) => p === ParseUUIDPipe || p instanceof ParseUUIDPipe)) {
      const param = op.parameters?.find((p) => p.in === 'path' && p.name === arg.data);
      if (param) (param.schema ??= {}).format = 'uuid';
    }
  }
}
