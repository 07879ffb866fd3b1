import { FeedbackErrors } from '../errors';
import { nfc } from '@zq/common';

/** Names the rules below in every receipt, so a verifier years later knows how the bytes were made. */
export const CANONICALIZATION = 'zq-canonical-json-v1';

/**
 * zq-canonical-json-v1: JSON with object keys sorted by UTF-16 code units (as RFC 8785) at every
 * depth, no whitespace, arrays in order, strings and keys NFC-normalised, numbers in JavaScript's
 * shortest form (-0 as 0), Dates as ISO-8601 UTC strings. Properties whose value is undefined are
 * left out; undefined inside an array becomes null, as in JSON.stringify. Anything JSON cannot
 * carry faithfully (NaN, Infinity, bigint, functions, Maps, class instances, cycles) is rejected
 * rather than silently changed, since a receipt must cover exactly what was sealed.
 */
export function canonicalJson(value: unknown): string {
  return write(value, [], new Set());
}

const RAW = Symbol('canonical text');

/**
 * Text already in canonical form — canonicalJson's output, or a writer's for a fixed shape that a
 * property test holds equal to it — which canonicalJson then writes as it is, in place of a value.
 */
export interface CanonicalText {
  readonly [RAW]: string;
}

export function canonicalText(text: string): CanonicalText {
  return { [RAW]: text };
}

/** A string as canonicalJson writes it (NFC, JSON-escaped). */
export function canonicalString(value: string): string {
  return JSON.stringify(nfc(value));
}

/**
 * Where a value sits: its keys and indices, written out ($.items[3].quote) only when an error names
 * it — building the path string for every value would cost more than writing the document.
 */
type Path = (string | number)[];
const at = (path: Path, last?: string) => `$${path.map((seg) => (typeof seg === 'number' ? `[${seg}]` : `.${seg}`)).join('')}${last === undefined ? '' : `.${last}`}`;

function write(value: unknown, path: Path, ancestors: Set<object>): string {
  switch (typeof value) {
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value)) throw unsupported(at(path), String(value));
      return JSON.stringify(value);
    case 'string':
      return canonicalString(value);
    case 'object':
      if (value === null) return 'null';
      if (RAW in value) return (value as CanonicalText)[RAW];
      if (value instanceof Date) return writeDate(value, path);
      if (ancestors.has(value)) throw unsupported(at(path), 'cycle');
      ancestors.add(value);
      try {
        return Array.isArray(value) ? writeArray(value, path, ancestors) : writeObject(value, path, ancestors);
      } finally {
        ancestors.delete(value);
      }
    default:
      throw unsupported(at(path), typeof value);
  }
}

function writeDate(date: Date, path: Path): string {
  if (Number.isNaN(date.getTime())) throw unsupported(at(path), 'Invalid Date');
  return JSON.stringify(date.toISOString());
}

function writeArray(items: readonly unknown[], path: Path, ancestors: Set<object>): string {
  // a for loop over the length visits holes too, which map() would skip
  let out = '[';
  for (let index = 0; index < items.length; index++) {
    const item = items[index];
    if (index) out += ',';
    if (item === undefined) out += 'null';
    else {
      path.push(index);
      out += write(item, path, ancestors);
      path.pop();
    }
  }
  return `${out}]`;
}

function writeObject(object: object, path: Path, ancestors: Set<object>): string {
  const prototype = Object.getPrototypeOf(object);
  if (prototype !== Object.prototype && prototype !== null) {
    throw unsupported(at(path), (prototype?.constructor?.name as string | undefined) ?? 'object');
  }
  const members: [string, unknown][] = [];
  for (const key in object) {
    if (!Object.prototype.hasOwnProperty.call(object, key)) continue;
    const member = (object as Record<string, unknown>)[key];
    if (member !== undefined) members.push([nfc(key), member]);
  }
  members.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)); // UTF-16 code-unit order
  let out = '{';
  for (let i = 0; i < members.length; i++) {
    const [key, member] = members[i];
    if (i && key === members[i - 1][0]) throw unsupported(at(path, key), 'duplicate key after NFC normalisation');
    path.push(key);
    out += `${i ? ',' : ''}${JSON.stringify(key)}:${write(member, path, ancestors)}`;
    path.pop();
  }
  return `${out}}`;
}

function unsupported(path: string, what: string) {
  return FeedbackErrors.canonicalJsonUnsupported(path, what, {
    path,
    value: what,
  });
}
