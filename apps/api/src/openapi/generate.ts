import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { contractDocument } from './contract-app';

const run = promisify(execFile);

/** Repository root, from source (tests) or from dist/. */
export const REPO_ROOT = [resolve(__dirname, '..', '..', '..', '..'), resolve(__dirname, '..', '..', '..', '..', '..')].find((p) => !p.endsWith('/dist')) ?? resolve(__dirname, '..', '..', '..', '..');
export const OPENAPI_FILE = 'apps/web/src/api/openapi.json';
export const GENERATED_DIR = 'apps/web/src/api/generated';
const HEY_API = join(REPO_ROOT, 'node_modules', '@hey-api', 'openapi-ts', 'bin', 'run.js');

/**
 * The contract as files, keyed by repository path: the OpenAPI document the controllers describe
 * and the web client's types generated from it by @hey-api/openapi-ts. Nothing is written.
 */
export async function renderContract(): Promise<Map<string, string>> {
  const document = `${JSON.stringify(await contractDocument(), null, 2)}\n`;
  const work = await mkdtemp(join(tmpdir(), 'zq-openapi-'));
  try {
    await writeFile(join(work, 'openapi.json'), document);
    await run(process.execPath, [HEY_API, '-i', join(work, 'openapi.json'), '-o', join(work, 'generated'), '-p', '@hey-api/typescript', '--no-log-file', '-s'], { cwd: REPO_ROOT });
    const files = new Map([[OPENAPI_FILE, document]]);
    for (const name of (await readdir(join(work, 'generated'))).sort()) files.set(`${GENERATED_DIR}/${name}`, await readFile(join(work, 'generated', name), 'utf8'));
    return files;
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

/** The committed files that differ from what the server describes now (missing ones included). */
export async function staleContractFiles(): Promise<string[]> {
  const files = await renderContract();
  const stale: string[] = [];
  for (const [path, text] of files) {
    const committed = await readFile(join(REPO_ROOT, path), 'utf8').catch(() => null);
    if (committed !== text) stale.push(path);
  }
  const committedGenerated = await readdir(join(REPO_ROOT, GENERATED_DIR)).catch(() => [] as string[]);
  for (const name of committedGenerated) if (!files.has(`${GENERATED_DIR}/${name}`)) stale.push(`${GENERATED_DIR}/${name}`);
  return stale;
}

/** `npm run openapi:generate`: writes the document and the generated types. */
async function main(): Promise<void> {
  const files = await renderContract();
  await rm(join(REPO_ROOT, GENERATED_DIR), { recursive: true, force: true });
  for (const [path, text] of files) {
    await mkdir(dirname(join(REPO_ROOT, path)), { recursive: true });
    await writeFile(join(REPO_ROOT, path), text);
    process.stdout.write(`wrote ${path}\n`);
  }
}

if (require.main === module) {
  main().then(
    () => process.exit(0),
    (err) => {
      process.stderr.write(`${err.stack ?? err}\n`);
      process.exit(1);
    },
  );
}
