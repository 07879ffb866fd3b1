// Compiles apps/, libs/, migrations/, bench/ and scripts/ with swc into dist/ (CommonJS),
// rewriting the @zq/* path aliases. Type-checking is `npm run typecheck`.
import { transformFile } from '@swc/core';
import { copyFile, mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const tsconfig = JSON.parse(await (await import('node:fs/promises')).readFile(join(root, 'tsconfig.json'), 'utf8'));
const paths = Object.fromEntries(Object.entries(tsconfig.compilerOptions.paths).map(([k, v]) => [k, v.map((p) => `./${p}`)]));
const sources = ['apps/api/src', 'apps/worker/src', 'apps/cli/src', 'libs', 'migrations', 'bench'];

async function* walk(dir) {
  let entries;
  try { entries = await readdir(dir, { withFileTypes: true }); } catch { return; }
  for (const e of entries) {
    const p = join(dir, e.name);
    if (e.isDirectory()) yield* walk(p);
    else if (/\.(json|txt)$/.test(e.name) && p.includes('/src/')) yield p;
    else if (/\.ts$/.test(e.name) && !/\.(spec|e2e-spec)\.ts$/.test(e.name) && !e.name.endsWith('.d.ts')) yield p;
  }
}

await rm(join(root, 'dist'), { recursive: true, force: true }); // no stale output (e.g. a deleted migration)
const started = Date.now();
let count = 0;
const jobs = [];
for (const src of sources) {
  for await (const file of walk(join(root, src))) {
    const out = join(root, 'dist', relative(root, file)).replace(/\.ts$/, '.js');
    if (/\.(json|txt)$/.test(file)) {
      jobs.push(mkdir(dirname(join(root, 'dist', relative(root, file))), { recursive: true }).then(() => copyFile(file, join(root, 'dist', relative(root, file)))));
      continue;
    }
    jobs.push((async () => {
      const { code, map } = await transformFile(file, {
        sourceMaps: true,
        jsc: {
          parser: { syntax: 'typescript', decorators: true },
          transform: { legacyDecorator: true, decoratorMetadata: true },
          target: 'es2022',
          baseUrl: root,
          paths,
        },
        module: { type: 'commonjs' },
      });
      await mkdir(dirname(out), { recursive: true });
      await writeFile(out, code + `\n//# sourceMappingURL=${out.split('/').pop()}.map`);
      if (map) await writeFile(out + '.map', map);
      count++;
    })());
  }
}
await Promise.all(jobs);
if (process.env.BUILD_VERBOSE) process.stderr.write(`built ${count} files in ${Date.now() - started} ms\n`);
