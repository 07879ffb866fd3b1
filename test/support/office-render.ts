import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';

const has = (cmd: string) => {
  try {
    execFileSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
};

/** LibreOffice and poppler are on this machine (.ci/run installs them). */
export const canRenderOffice = () => has('soffice') && has('pdftotext') && has('pdfinfo');

/** One part of an Office file (a ZIP): word/document.xml, xl/worksheets/sheet1.xml … */
export async function officePart(file: Buffer, name: string): Promise<string> {
  const zip = await JSZip.loadAsync(file);
  const part = zip.file(name);
  if (!part) throw new Error(`${name} not in the file (has ${Object.keys(zip.files).join(', ')})`);
  return part.async('string');
}

export async function officeParts(file: Buffer, pattern: RegExp): Promise<string[]> {
  const zip = await JSZip.loadAsync(file);
  return Promise.all(Object.keys(zip.files).filter((n) => pattern.test(n)).map((n) => zip.file(n)!.async('string')));
}

/**
 * Renders Office files to PDF with LibreOffice (headless, its own profile) and reads each back:
 * page count and text per page. With EXPORTS_DIR set the PDFs (and PNGs of their pages, 60 dpi)
 * are kept there to be looked at.
 */
export interface RenderedPdf {
  pages: number;
  /** the text of each page, laid out */
  text: string[];
  /** where each page's number ("— N —" in the bottom eighth) sits: its centre as a share of the page width, null if none */
  pageNumberAt: (number | null)[];
}

export function renderToPdf(files: { name: string; body: Buffer }[]): Record<string, RenderedPdf> {
  const dir = process.env.EXPORTS_DIR ?? mkdtempSync(join(tmpdir(), 'zq-exports-'));
  mkdirSync(dir, { recursive: true });
  for (const f of files) writeFileSync(join(dir, f.name), f.body);
  const profile = mkdtempSync(join(tmpdir(), 'zq-lo-'));
  execFileSync('soffice', [`-env:UserInstallation=file://${profile}`, '--headless', '--convert-to', 'pdf', '--outdir', dir, ...files.map((f) => join(dir, f.name))], {
    stdio: 'ignore',
    timeout: 180_000,
  });
  const out: Record<string, RenderedPdf> = {};
  for (const f of files) {
    const pdf = join(dir, f.name.replace(/\.[^.]+$/, '.pdf'));
    const info = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
    const pages = Number(/Pages:\s+(\d+)/.exec(info)?.[1] ?? 0);
    const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' }).split('\f').slice(0, pages);
    out[f.name] = { pages, text, pageNumberAt: pageNumberPositions(execFileSync('pdftotext', ['-bbox', pdf, '-'], { encoding: 'utf8' })) };
    if (process.env.EXPORTS_DIR && has('pdftoppm')) execFileSync('pdftoppm', ['-png', '-r', '60', pdf, pdf.replace(/\.pdf$/, '')]);
  }
  void readdirSync;
  return out;
}

/** From `pdftotext -bbox`: per page, the horizontal centre (0…1) of the dashes of "— N —" near the bottom. */
function pageNumberPositions(bbox: string): (number | null)[] {
  return bbox
    .split('<page ')
    .slice(1)
    .map((page) => {
      const width = Number(/width="([\d.]+)"/.exec(page)?.[1]);
      const height = Number(/height="([\d.]+)"/.exec(page)?.[1]);
      const dashes = [...page.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)"[^>]*>—<\/word>/g)]
        .map((m) => ({ x0: Number(m[1]), y: Number(m[2]), x1: Number(m[3]) }))
        .filter((w) => w.y > height * 0.875);
      if (dashes.length < 2) return null;
      return (Math.min(...dashes.map((d) => d.x0)) + Math.max(...dashes.map((d) => d.x1))) / 2 / width;
    });
}
