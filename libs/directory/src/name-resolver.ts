import type { UnitFacts } from './unit-kinds';

export type Resolution<U> =
  | { status: 'resolved'; unit: U }
  | { status: 'unknown'; name: string }
  | { status: 'ambiguous'; name: string; candidates: U[] };

/** Folds the spelling differences that do not change a name: spaces, bracket widths, 浙江省 prefix. */
export function normalizeUnitName(name: string): string {
  return name
    .normalize('NFKC') // full-width ASCII and brackets → half-width
    .replace(/[\s\u3000]+/g, '')
    // every opening quote, not one: a second pass must find nothing more to fold (""省财政厅 was 省财政厅 only then)
    .replace(/^[“"「『]+|[”"」』。．.，,、；;]+$/g, '')
    .replace(/^中共浙江省委/, '省委')
    .replace(/^浙江省/, '省');
}

/**
 * Maps any known spelling (short name, full name, alias) of a unit to that unit, and says
 * clearly when a name is unknown or matches more than one unit.
 */
export class UnitNameResolver<U extends Pick<UnitFacts, 'shortName' | 'fullName' | 'aliases'>> {
  private readonly index = new Map<string, U[]>();

  constructor(units: Iterable<U>) {
    for (const unit of units) {
      const keys = new Set([unit.shortName, unit.fullName, ...unit.aliases].map(normalizeUnitName));
      for (const key of keys) {
        const list = this.index.get(key) ?? [];
        list.push(unit);
        this.index.set(key, list);
      }
    }
  }

  resolve(name: string): Resolution<U> {
    const matches = this.index.get(normalizeUnitName(name)) ?? [];
    if (matches.length === 1) return { status: 'resolved', unit: matches[0] };
    if (matches.length === 0) return { status: 'unknown', name };
    return { status: 'ambiguous', name, candidates: matches };
  }
}
