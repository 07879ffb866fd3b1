/**
 * Import speed, each figure printed next to its goal (issue 12):
 *   - the reference letter as text                                   < 50 ms
 *   - a synthetic ~1 MB draft as text (3,300 clauses)                 < 2 s
 *   - a 300-article regulation as text                                < 100 ms
 *   - a 1 MB .docx (test/fixtures/drafts/bench-plan-1mb.docx: an auto-numbered plan saved by
 *     LibreOffice, 13.8 MB of WordprocessingML, 6,020 numbered paragraphs, 172 merged-cell tables)  < 2 s
 *   - a 100-page text PDF (bench-regulation-300.pdf: 106 pages, LibreOffice output)            < 2 s
 * Both binary fixtures come from test/fixtures/drafts/make-bench-fixtures.mjs.
 * Wall time depends on what else the machine runs: each line also gives the CPU time the import
 * took (process.cpuUsage) and the run starts with a floor — a fixed loop timed the same way — so a
 * figure taken on a loaded machine can be read against it. The goal is judged on the median wall time.
 * Run: node scripts/build.mjs && node dist/bench/import.js   (from the repository root)
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { demoDirectory, UnitNameResolver } from '@zq/directory';
import { importDocx, importPdf, importText, renderDocx, type ImportResult, type ParsedClause } from '../libs/drafting/src/pure';

const FIXTURE = join(process.cwd(), 'test/fixtures/beautiful-towns-round2-letter.txt');
const resolver = new UnitNameResolver(demoDirectory());

interface Timing {
  median: number;
  min: number;
  max: number;
  /** median CPU time of this process over the runs (user + system) */
  cpu: number;
}

function summarise(wall: number[], cpu: number[]): Timing {
  wall.sort((a, b) => a - b);
  cpu.sort((a, b) => a - b);
  return { median: wall[Math.floor(wall.length / 2)], min: wall[0], max: wall[wall.length - 1], cpu: cpu[Math.floor(cpu.length / 2)] };
}

function time(fn: () => unknown, runs: number, warmup: number): Timing {
  for (let i = 0; i < warmup; i++) fn();
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < runs; i++) {
    const c0 = process.cpuUsage();
    const start = performance.now();
    fn();
    wall.push(performance.now() - start);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
  }
  return summarise(wall, cpu);
}

/** A fixed amount of work: its wall time against its CPU time says how loaded the machine is right now. */
function floor(): Timing {
  return time(() => {
    let x = 0;
    for (let i = 0; i < 2e7; i++) x = (x + i * 7) % 1000003;
    return x;
  }, 5, 1);
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

function report(name: string, bytes: number, result: ImportResult, t: Timing, target: number, runs: number): boolean {
  const ok = t.median < target;
  process.stdout.write(
    `${name}: ${(bytes / 1024).toFixed(0)} KB, ${countClauses(result.clauses)} clauses — median ${t.median.toFixed(1)} ms ` +
      `(CPU ${t.cpu.toFixed(1)} ms; min ${t.min.toFixed(1)}, max ${t.max.toFixed(1)}, ${runs} runs)  goal < ${target} ms  ${ok ? 'OK' : 'SLOW'}\n`,
  );
  return ok;
}

async function timeAsync(fn: () => Promise<unknown>, runs: number, warmup: number): Promise<Timing> {
  for (let i = 0; i < warmup; i++) await fn();
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < runs; i++) {
    const c0 = process.cpuUsage();
    const start = performance.now();
    await fn();
    wall.push(performance.now() - start);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
  }
  return summarise(wall, cpu);
}

async function main(): Promise<number> {
  const f = floor();
  process.stdout.write(`floor (a fixed loop; wall ≫ CPU means a loaded machine): median ${f.median.toFixed(1)} ms, CPU ${f.cpu.toFixed(1)} ms\n`);
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

  // the synthetic draft exported to .docx, for information (the renderer's XML is terse)
  const bigDocx = await renderDocx(bigResult);
  const bigDocxResult = await importDocx(bigDocx, { resolver });
  report('synthetic draft (.docx, our export)', bigDocx.length, bigDocxResult, await timeAsync(() => importDocx(bigDocx, { resolver }), 3, 1), 2000, 3);

  // a 1 MB .docx as offices send it: Word's automatic numbering, merged cells, every run with its fonts (goal < 2 s)
  const planDocx = readFileSync(join(process.cwd(), 'test/fixtures/drafts/bench-plan-1mb.docx'));
  const planResult = await importDocx(planDocx, { resolver });
  const planOk = report('1 MB plan (.docx, LibreOffice)', planDocx.length, planResult, await timeAsync(() => importDocx(planDocx, { resolver }), 5, 1), 2000, 5);

  // a text PDF of a 300-article regulation over 106 pages, LibreOffice output (goal < 2 s)
  const pdf = readFileSync(join(process.cwd(), 'test/fixtures/drafts/bench-regulation-300.pdf'));
  const pdfResult = await importPdf(pdf, { resolver });
  const pdfOk = report('300-article regulation (PDF, 106 pages)', pdf.length, pdfResult, await timeAsync(() => importPdf(pdf, { resolver }), 5, 1), 2000, 5);

  return letterOk && bigOk && regOk && planOk && pdfOk ? 0 : 1;
}

main().then((code) => {
  process.exitCode = code;
});
