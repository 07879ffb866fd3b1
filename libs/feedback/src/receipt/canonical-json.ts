import { FeedbackErrors } from '../errors';

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
  return write(value, '$', new Set());
}

function write(value: unknown, path: string, ancestors: Set<object>): string {
  switch (typeof value) {
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value)) throw unsupported(path, String(value));
      return JSON.stringify(value);
    case 'string':
      return JSON.stringify(value.normalize('NFC'));
    case 'object':
      if (value === null) return 'null';
      if (value instanceof Date) return writeDate(value, path);
      if (ancestors.has(value)) throw unsupported(path, 'cycle');
      ancestors.add(value);
      try {
        return Array.isArray(value) ? writeArray(value, path, ancestors) : writeObject(value, path, ancestors);
      } finally {
        ancestors.delete(value);
      }
    default:
      throw unsupported(path, typeof value);
  }
}

function writeDate(date: Date, path: string): string {
  if (Number.isNaN(date.getTime())) throw unsupported(path, 'Invalid Date');
  return JSON.stringify(date.toISOString());
}

function writeArray(items: readonly unknown[], path: string, ancestors: Set<object>): string {
  // Array.from visits holes too, which map() would skip.
  const parts = Array.from(items, (item, index) =>
    item === undefined ? 'null' : write(item, `${path}[${index}]`, ancestors),
  );
  return `[${parts.join(',')}]`;
}

function writeObject(object: object, path: string, ancestors: Set<object>): string {
  const prototype = Object.getPrototypeOf(object);
  if (prototype !== Object.prototype && prototype !== null) {
    throw unsupported(path, (prototype?.constructor?.name as string | undefined) ?? 'object');
  }
  const members = new Map<string, unknown>();
  for (const [key, member] of Object.entries(object)) {
    if (member === undefined) continue;
    const normalized = key.normalize('NFC');
    if (members.has(normalized)) throw unsupported(`${path}.${normalized}`, 'duplicate key after NFC normalisation');
    members.set(normalized, member);
  }
  const keys = [...members.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)); // UTF-16 code-unit order
  const parts = keys.map((key) => `${JSON.stringify(key)}:${write(members.get(key), `${path}.${key}`, ancestors)}`);
  return `{${parts.join(',')}}`;
}

function unsupported(path: string, what: string) {
  return FeedbackErrors.canonicalJsonUnsupported(path, what, {
    path,
    value: what,
  });
}
