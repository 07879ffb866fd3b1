import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

/**
 * The library boundaries, checked over the source (docs/architecture.md, "Libraries and their
 * tables"): each library writes only its own tables (persistence's audit and outbox tables are
 * shared infrastructure), and a library imports — and reads the tables of — only the libraries
 * below it in LAYERS.
 */
const LIBS = join(__dirname, '..', '..', 'libs');

/** bottom first: a library may use only those before it */
export const LAYERS = ['common', 'calendar', 'persistence', 'jobs', 'mail', 'directory', 'access', 'drafting', 'consultation', 'reminders', 'feedback', 'adoption', 'runtime'];
const SHARED_OWNER = 'persistence';

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return sources(p);
    return e.name.endsWith('.ts') ? [p] : [];
  });
}

const files = readdirSync(LIBS, { withFileTypes: true })
  .filter((e) => e.isDirectory())
  .flatMap((e) => sources(join(LIBS, e.name)).map((path) => ({ lib: e.name, path, where: relative(LIBS, path), text: readFileSync(path, 'utf8') })));

/** table → owning library, from every @Entity('<table>') */
const owners = new Map<string, string>();
for (const f of files) for (const m of f.text.matchAll(/@Entity\(\s*'([a-z_]+)'/g)) owners.set(m[1], f.lib);

const lineOf = (text: string, index: number) => text.slice(0, index).split('\n').length;

describe('library boundaries', () => {
  it('knows every library folder and finds the entity tables', () => {
    expect([...new Set(files.map((f) => f.lib))].filter((lib) => !LAYERS.includes(lib))).toEqual([]);
    expect(owners.get('reminder')).toBe('reminders');
    expect(owners.get('round_recipient')).toBe('consultation');
    expect(owners.size).toBeGreaterThan(20);
  });

  it("no raw SQL in one library writes another library's table", () => {
    const violations: string[] = [];
    for (const f of files) {
      for (const m of f.text.matchAll(/\b(INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+([a-z_]+)/gi)) {
        const owner = owners.get(m[2]);
        if (owner && owner !== f.lib && owner !== SHARED_OWNER) violations.push(`${f.where}:${lineOf(f.text, m.index!)} ${m[1].toUpperCase()} ${m[2]} (owned by ${owner})`);
      }
    }
    expect(violations).toEqual([]);
  });

  it('no library imports a library above it (or itself through its alias)', () => {
    const violations: string[] = [];
    for (const f of files) {
      for (const m of f.text.matchAll(/from '@zq\/([a-z]+)[^']*'/g)) {
        if (LAYERS.indexOf(m[1]) >= LAYERS.indexOf(f.lib)) violations.push(`${f.where}:${lineOf(f.text, m.index!)} imports @zq/${m[1]}`);
      }
      for (const m of f.text.matchAll(/from '((?:\.\.\/)+)([^']*)'/g)) {
        const target = relative(LIBS, join(f.path, '..', m[1], m[2])).split('/')[0];
        if (target !== f.lib) violations.push(`${f.where}:${lineOf(f.text, m.index!)} reaches into ${m[1]}${m[2]}`);
      }
    }
    expect(violations).toEqual([]);
  });

  it('no library reads the tables of a library above it', () => {
    const violations: string[] = [];
    for (const f of files) {
      for (const m of f.text.matchAll(/\b(FROM|JOIN)\s+([a-z_]+)\b/g)) {
        const owner = owners.get(m[2]);
        if (owner && LAYERS.indexOf(owner) > LAYERS.indexOf(f.lib)) violations.push(`${f.where}:${lineOf(f.text, m.index!)} reads ${m[2]} (owned by ${owner})`);
      }
    }
    expect(violations).toEqual([]);
  });
});
