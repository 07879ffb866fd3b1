/**
 * Import speed: the reference letter (median of 50 runs after warm-up, target < 50 ms) and a
 * synthetic ~1 MB draft with thousands of clauses (target < 2 s); for information, the reference
 * draft exported to .docx and imported back.
 * Run: node scripts/build.mjs && node dist/bench/import.js   (from the repository root)
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { demoDirectory, UnitNameResolver } from '@zq/directory';
import { importDocx, importPdf, importText, renderDocx, type ImportResult, type ParsedClause } from '../libs/drafting/src/pure';

const FIXTURE = join(process.cwd(), 'test/fixtures/beautiful-towns-round2-letter.txt');
const resolver = new UnitNameResolver(demoDirectory());

function time(fn: () => unknown, runs: number, warmup: number): { median: number; min: number; max: number } {
  for (let i = 0; i < warmup; i++) fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    fn();
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  return { median: samples[Math.floor(samples.length / 2)], min: samples[0], max: samples[samples.length - 1] };
}

/**
 * A draft shaped like the reference but far longer: parts, sections, items numbered per section
 * (three-digit item numbers are the most a draft uses), notes naming units, lines hard-wrapped at
 * 30 characters with blank lines and page numbers between.
 */
function syntheticDraft(targetBytes: number): string {
  const units = demoDirectory()
    .filter((u) => u.kind === 'provincial_department')
    .map((u) => u.shortName);
  const sentence = '按照适度超前、协同高效、持续发展的建设理念，不断提升城镇基础设施品质和安全韧性水平。';
  const out: string[] = ['关于全面推进现代化美丽城镇建设的意见', '(征求意见稿)', ''];
  const wrap = (text: string) => {
    for (let i = 0; i < text.length; i += 30) out.push(text.slice(i, i + 30), '');
  };
  let item = 0;
  let page = 1;
  for (let p = 1; Buffer.byteLength(out.join('\n')) < targetBytes; p++) {
    out.push(`${cn(p)}、第${p}部分任务`, '');
    for (let s = 1; s <= 6; s++) {
      out.push(`（${cn(s)}）实施第${s}项行动，推进第${s}方面现代化`, '');
      for (let k = 0; k < 8; k++) {
        item++;
        const names = [0, 1, 2].map((j) => units[(item + j * 7) % units.length]).join('、');
        const note = item === 1 ? `（责任单位：${names}。列第一位的为牵头单位，下同。）` : `（责任单位：${names}）`;
        wrap(`${k + 1}. 推进第${item}项任务。${sentence.repeat(1 + (item % 3))}${note}`);
        if (item % 5 === 0) out.push(`- ${++page} -`, '');
      }
    }
  }
  return out.join('\n');
}

function cn(n: number): string {
  const d = '零一二三四五六七八九';
  if (n < 10) return d[n];
  if (n < 20) return `十${n % 10 ? d[n % 10] : ''}`;
  return `${d[Math.floor(n / 10)]}十${n % 10 ? d[n % 10] : ''}`;
}

function countClauses(clauses: ParsedClause[]): number {
  return clauses.reduce((n, c) => n + 1 + countClauses(c.children), 0);
}

function report(name: string, bytes: number, result: ImportResult, t: { median: number; min: number; max: number }, target: number, runs: number): boolean {
  const ok = t.median < target;
  process.stdout.write(
    `${name}: ${(bytes / 1024).toFixed(0)} KB, ${countClauses(result.clauses)} clauses — median ${t.median.toFixed(2)} ms ` +
      `(min ${t.min.toFixed(2)}, max ${t.max.toFixed(2)}, ${runs} runs) target < ${target} ms ${ok ? 'OK' : 'SLOW'}\n`,
  );
  return ok;
}

async function timeAsync(fn: () => Promise<unknown>, runs: number, warmup: number): Promise<{ median: number; min: number; max: number }> {
  for (let i = 0; i < warmup; i++) await fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await fn();
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  return { median: samples[Math.floor(samples.length / 2)], min: samples[0], max: samples[samples.length - 1] };
}

async function main(): Promise<number> {
  const letter = readFileSync(FIXTURE, 'utf8');
  const letterResult = importText(letter, { resolver });
  const letterOk = report('reference letter (.txt)', Buffer.byteLength(letter), letterResult, time(() => importText(letter, { resolver }), 50, 10), 50, 50);

  const big = syntheticDraft(1024 * 1024);
  const bigResult = importText(big, { resolver });
  const bigOk = report('synthetic draft (.txt)', Buffer.byteLength(big), bigResult, time(() => importText(big, { resolver }), 5, 1), 2000, 5);

  const docx = await renderDocx(letterResult);
  const docxResult = await importDocx(docx, { resolver });
  report('reference draft (.docx)', docx.length, docxResult, await timeAsync(() => importDocx(docx, { resolver }), 20, 3), 1000, 20);

  // a regulation of 300 articles in 10 chapters, as text (target < 100 ms)
  const regulation = ['某某省城乡建设管理条例（草案）', ''];
  for (let a = 1; a <= 300; a++) {
    if (a % 30 === 1) regulation.push(`第${cn(Math.ceil(a / 30))}章 第${Math.ceil(a / 30)}章的规定`);
    regulation.push(`第${a}条 县级以上人民政府应当加强城乡建设管理工作的领导，建立健全协调机制，统筹解决重大问题。`);
    if (a % 3 === 0) regulation.push('（一）编制城乡建设规划；', '（二）组织实施重点工程；', '（三）依照本条例第五条的规定开展监督检查。');
  }
  const regText = regulation.join('\n');
  const regResult = importText(regText, { resolver });
  const regOk = report('300-article regulation (.txt)', Buffer.byteLength(regText), regResult, time(() => importText(regText, { resolver }), 20, 3), 100, 20);

  // the synthetic draft as a ~1 MB .docx, read from its XML (target < 2 s)
  const bigDocx = await renderDocx(bigResult);
  const bigDocxResult = await importDocx(bigDocx, { resolver });
  const bigDocxOk = report('synthetic draft (.docx)', bigDocx.length, bigDocxResult, await timeAsync(() => importDocx(bigDocx, { resolver }), 3, 1), 2000, 3);

  // a text PDF of a 300-article regulation over ~85 pages, LibreOffice output (target < 2 s)
  const pdf = readFileSync(join(process.cwd(), 'test/fixtures/drafts/bench-regulation-300.pdf'));
  const pdfResult = await importPdf(pdf, { resolver });
  const pdfOk = report('300-article regulation (PDF, 85 pages)', pdf.length, pdfResult, await timeAsync(() => importPdf(pdf, { resolver }), 3, 1), 2000, 3);

  return letterOk && bigOk && regOk && bigDocxOk && pdfOk ? 0 : 1;
}

main().then((code) => {
  process.exitCode = code;
});
