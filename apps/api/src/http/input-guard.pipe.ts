import { ArgumentMetadata, BadRequestException, Injectable, PipeTransform } from '@nestjs/common';
import { getMetadataStorage } from 'class-validator';

// class-transformer keeps @Type() metadata here; it has no typed export for it
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { defaultMetadataStorage } = require('class-transformer/cjs/storage') as {
  defaultMetadataStorage: { findTypeMetadata(target: Function, prop: string): { typeFunction?: () => unknown } | undefined };
};

export interface FieldProblem {
  field: string;
  problems: string[];
}

const NUL = '不能包含空字符（U+0000）';
const LONE_SURROGATE = '含有不成对的 UTF-16 代理项，无法按原样保存';
const NOT_FINITE = '数值超出范围';

/** Why a string cannot be stored (and later hashed and verified) exactly as it was sent, if it cannot. */
export function stringProblem(s: string): string | undefined {
  if (s.includes('\u0000')) return NUL;
  if (!(s as unknown as { isWellFormed(): boolean }).isWellFormed()) return LONE_SURROGATE; // ES2024, Node ≥ 20
  return undefined;
}

const isFile = (v: object): v is { buffer: Buffer } => Buffer.isBuffer((v as { buffer?: unknown }).buffer);

/**
 * Every string (and object key) in a request value that PostgreSQL or the receipt hash cannot keep as
 * sent. The field path is built only for a problem found: walking 100,000 items stays cheap.
 */
export function findBadStrings(value: unknown, field: string, out: FieldProblem[] = []): FieldProblem[] {
  const path: (string | number)[] = field ? [field] : [];
  const name = (extra?: string) => [...path, ...(extra === undefined ? [] : [extra])].join('.') || 'body';
  const walk = (v: unknown): void => {
    if (out.length >= 20 || path.length > 64) return;
    if (typeof v === 'string') {
      const p = stringProblem(v);
      if (p) out.push({ field: name(), problems: [p] });
    } else if (typeof v === 'number') {
      if (!Number.isFinite(v)) out.push({ field: name(), problems: [NOT_FINITE] });
    } else if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) {
        path.push(i);
        walk(v[i]);
        path.pop();
      }
    } else if (v && typeof v === 'object' && !Buffer.isBuffer(v)) {
      for (const k in v) {
        if (!Object.prototype.hasOwnProperty.call(v, k)) continue;
        const kp = stringProblem(k);
        if (kp) {
          out.push({ field: JSON.stringify(name(k)).slice(1, -1).slice(0, 200), problems: [`字段名${kp}`] });
          continue;
        }
        const x = (v as Record<string, unknown>)[k];
        if (Buffer.isBuffer(x)) continue;
        path.push(k);
        walk(x);
        path.pop();
      }
    }
  };
  walk(value);
  return out;
}

type Limits = { arrays: Map<string, number>; strings: Map<string, number>; nested: Map<string, Function>; noNullArrays: Set<string> };
const limitCache = new Map<Function, Limits>();

/** The limits a DTO class declares (ArrayMaxSize, MaxLength, nested types), read once from its decorators. */
function limitsOf(cls: Function): Limits {
  let l = limitCache.get(cls);
  if (l) return l;
  l = { arrays: new Map(), strings: new Map(), nested: new Map(), noNullArrays: new Set() };
  for (const m of getMetadataStorage().getTargetValidationMetadatas(cls, '', true, false)) {
    const prop = m.propertyName;
    if (m.name === 'arrayMaxSize') l.arrays.set(prop, Math.min(l.arrays.get(prop) ?? Infinity, m.constraints[0] as number));
    else if (m.name === 'maxLength' && !m.each) l.strings.set(prop, Math.min(l.strings.get(prop) ?? Infinity, m.constraints[0] as number));
    else if (m.type === 'nestedValidation') {
      const t = defaultMetadataStorage.findTypeMetadata(cls, prop);
      const nested = t?.typeFunction?.();
      if (typeof nested === 'function' && nested !== Object && nested !== Array) l.nested.set(prop, nested);
    }
    if (m.name === 'isArray') {
      const swagger = Reflect.getMetadata('swagger/apiModelProperties', cls.prototype, prop) as { nullable?: boolean } | undefined;
      if (!swagger?.nullable) l.noNullArrays.add(prop);
    }
  }
  limitCache.set(cls, l);
  return l;
}

/**
 * The DTO's declared size limits checked on the plain value before class-transformer builds it and
 * class-validator walks it: 100,000 reply items are refused in a millisecond instead of seconds.
 */
export function precheckLimits(cls: Function, value: unknown, field: string, out: FieldProblem[] = []): FieldProblem[] {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return out;
  const l = limitsOf(cls);
  const obj = value as Record<string, unknown>;
  const name = (p: string) => (field ? `${field}.${p}` : p);
  for (const [prop, max] of l.arrays) {
    const v = obj[prop];
    if (Array.isArray(v) && v.length > max) out.push({ field: name(prop), problems: [`${name(prop)} 最多 ${max} 项`] });
  }
  for (const [prop, max] of l.strings) {
    const v = obj[prop];
    if (typeof v === 'string' && v.length > max) out.push({ field: name(prop), problems: [`${name(prop)} 最长 ${max} 个字符`] });
  }
  for (const prop of l.noNullArrays) if (obj[prop] === null) out.push({ field: name(prop), problems: [`${name(prop)} 应为数组，不能为 null`] });
  if (out.length) return out;
  for (const [prop, nested] of l.nested) {
    const v = obj[prop];
    if (Array.isArray(v)) for (let i = 0; i < v.length && !out.length; i++) precheckLimits(nested, v[i], `${name(prop)}.${i}`, out);
    else precheckLimits(nested, v, name(prop), out);
  }
  return out;
}

export function validationFailed(fields: FieldProblem[]): BadRequestException {
  return new BadRequestException({ code: 'VALIDATION_FAILED', message: `输入有误：${fields.map((f) => f.field).join('、')}`, details: { fields } });
}

/**
 * The one place every request string passes (query, route params, JSON and multipart bodies, field
 * names, uploaded file names), before any other pipe: NUL and lone surrogates are refused, naming the
 * field, and a body's declared array/string limits are checked before the expensive validation.
 */
@Injectable()
export class InputGuardPipe implements PipeTransform {
  transform(value: unknown, meta: ArgumentMetadata): unknown {
    if (meta.type === 'custom' && !(value && typeof value === 'object' && (isFile(value) || (Array.isArray(value) && value.some((f) => f && isFile(f)))))) return value;
    const root = meta.type === 'param' || (meta.type === 'query' && meta.data) ? (meta.data ?? '') : '';
    // declared sizes first (one look per array), so the string walk below is bounded by them
    if (meta.type === 'body' && meta.metatype && meta.metatype !== Object) {
      const over = precheckLimits(meta.metatype, value, '');
      if (over.length) throw validationFailed(over);
    }
    const bad = findBadStrings(value, root);
    if (bad.length) throw validationFailed(bad);
    return value;
  }
}
