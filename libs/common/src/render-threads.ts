import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { DomainError } from './domain-error';

/**
 * A module whose exported functions may run on a render thread: `threadTask<typeof import('./x')>(require.resolve('./x'))`.
 * The functions take and return plain data (structured-clonable; a Buffer result is moved, not copied).
 * The module should import only what rendering needs: a render thread loads it and its imports.
 */
export interface ThreadTask<M> {
  readonly file: string;
  /** never set: carries the module's type */
  readonly module?: M;
}

export function threadTask<M>(file: string): ThreadTask<M> {
  return { file };
}

type Fn = (...args: never[]) => unknown;

interface Job {
  file: string;
  name: string;
  args: unknown[];
  resolve: (value: unknown) => void;
  reject: (err: Error) => void;
}

interface ThreadError {
  message: string;
  stack?: string;
  name?: string;
  kind?: DomainError['kind'];
  code?: string;
  details?: Record<string, unknown>;
}

/**
 * Renders Word and Excel files off the event loop: building a 20,000-row table with docx/exceljs
 * holds the CPU for seconds, and every other request (and /health) would wait for it. A small pool
 * (two threads), started at the first render, closed with the app; a render waits while both are busy.
 * From dist/ a thread requires the compiled .js module; from the TypeScript sources (the tests) it
 * compiles .ts on load with swc (the dev dependency @swc/core), as scripts/build.mjs does.
 */
@Injectable()
export class RenderThreads implements OnApplicationShutdown {
  /** two, so a unit's small 反馈意见表 does not wait behind an office's 20,000-row table (one on a one-core machine) */
  private readonly size = Math.max(1, Math.min(2, availableParallelism()));
  private readonly idle: RenderThread[] = [];
  private readonly all = new Set<RenderThread>();
  private readonly queue: Job[] = [];
  private closed = false;

  run<M, K extends keyof M & string>(
    task: ThreadTask<M>,
    name: K,
    ...args: M[K] extends Fn ? Parameters<M[K]> : never
  ): Promise<M[K] extends Fn ? Awaited<ReturnType<M[K]>> : never> {
    if (this.closed) return Promise.reject(new Error('渲染线程已关闭'));
    return new Promise((resolve, reject) => {
      this.queue.push({ file: task.file, name, args, resolve: resolve as (v: unknown) => void, reject });
      this.dispatch();
    });
  }

  private dispatch(): void {
    while (this.queue.length) {
      let thread = this.idle.pop();
      if (!thread) {
        if (this.all.size >= this.size) return;
        const created: RenderThread = new RenderThread(() => this.forget(created));
        this.all.add(created);
        thread = created;
      }
      const t = thread;
      void t.run(this.queue.shift()!).then(() => {
        if (this.all.has(t) && !this.closed) this.idle.push(t);
        this.dispatch();
      });
    }
  }

  /** A thread that exited or failed: the next render starts a new one. */
  private forget(thread: RenderThread): void {
    this.all.delete(thread);
    const i = this.idle.indexOf(thread);
    if (i >= 0) this.idle.splice(i, 1);
  }

  async onApplicationShutdown(): Promise<void> {
    this.closed = true;
    for (const job of this.queue.splice(0)) job.reject(new Error('渲染线程已关闭'));
    await Promise.all([...this.all].map((t) => t.close()));
    this.all.clear();
    this.idle.length = 0;
  }
}

const THREAD_CODE = `
const { parentPort } = require('node:worker_threads');
const Module = require('node:module');
const fs = require('node:fs');
const path = require('node:path');
let typescript = false;
// a render is background work: on Linux this thread gets nice 10, so the event loop's thread is scheduled first
try { require('node:os').setPriority(Number(fs.readlinkSync('/proc/thread-self').split('/').pop()), 10); } catch {}
function registerTypeScript(file) {
  let root = path.dirname(file);
  while (!fs.existsSync(path.join(root, 'tsconfig.json'))) {
    if (path.dirname(root) === root) throw new Error('tsconfig.json not found above ' + file);
    root = path.dirname(root);
  }
  const swc = require(require.resolve('@swc/core', { paths: [root] }));
  const { compilerOptions } = JSON.parse(fs.readFileSync(path.join(root, 'tsconfig.json'), 'utf8'));
  const paths = Object.fromEntries(Object.entries(compilerOptions.paths || {}).map(([k, v]) => [k, v.map((p) => './' + p)]));
  Module._extensions['.ts'] = (module, filename) => {
    const { code } = swc.transformSync(fs.readFileSync(filename, 'utf8'), {
      filename,
      jsc: { parser: { syntax: 'typescript', decorators: true }, transform: { legacyDecorator: true, decoratorMetadata: true }, target: 'es2022', baseUrl: root, paths },
      module: { type: 'commonjs' },
    });
    module._compile(code, filename);
  };
  typescript = true;
}
parentPort.on('message', async (m) => {
  if (m === 'close') { parentPort.close(); return; }
  try {
    if (m.file.endsWith('.ts') && !typescript) registerTypeScript(m.file);
    const out = await require(m.file)[m.name](...m.args);
    if (Buffer.isBuffer(out)) {
      const bytes = out.buffer.slice(out.byteOffset, out.byteOffset + out.byteLength);
      parentPort.postMessage({ buffer: bytes }, [bytes]);
    } else parentPort.postMessage({ value: out });
  } catch (e) {
    parentPort.postMessage({ err: { message: String((e && e.message) || e), stack: e && e.stack, name: e && e.name, kind: e && e.kind, code: e && e.code, details: e && e.details } });
  }
});`;

/** One worker thread, one render at a time. */
class RenderThread {
  private readonly worker: Worker;
  private current: Job | null = null;
  private failed: Error | null = null;

  constructor(onGone: () => void) {
    this.worker = new Worker(THREAD_CODE, { eval: true });
    this.worker.unref();
    const fail = (err: Error) => {
      this.failed ??= err;
      this.current?.reject(err);
      this.current = null;
      onGone();
    };
    this.worker.on('error', fail);
    this.worker.on('exit', () => fail(new Error('渲染线程已退出')));
    this.worker.on('message', (m: { buffer?: ArrayBuffer; value?: unknown; err?: ThreadError }) => {
      const job = this.current;
      this.current = null;
      if (!job) return;
      if (m.err) job.reject(threadError(m.err));
      else job.resolve(m.buffer ? Buffer.from(m.buffer) : m.value);
    });
  }

  /** Resolves when the job has settled (its own promise carries the outcome). */
  run(job: Job): Promise<void> {
    return new Promise<void>((done) => {
      const settle =
        <T>(f: (v: T) => void) =>
        (v: T) => {
          this.worker.unref();
          f(v);
          done();
        };
      const wrapped: Job = { ...job, resolve: settle(job.resolve), reject: settle(job.reject) };
      if (this.failed) return wrapped.reject(this.failed);
      this.current = wrapped;
      this.worker.ref(); // a render under way keeps the process alive; an idle thread does not
      try {
        this.worker.postMessage({ file: job.file, name: job.name, args: job.args });
      } catch (err) {
        this.current = null;
        wrapped.reject(err as Error);
      }
    });
  }

  async close(): Promise<void> {
    this.current?.reject(new Error('渲染线程已关闭'));
    this.current = null;
    this.worker.postMessage('close');
    await Promise.race([new Promise((r) => this.worker.once('exit', r)), new Promise((r) => setTimeout(r, 2000).unref())]);
    await this.worker.terminate();
  }
}

/** What a render threw, as the caller would have seen it: a DomainError keeps its kind and code. */
function threadError(e: ThreadError): Error {
  const err = e.kind && e.code ? new DomainError(e.kind, e.code, e.message, e.details) : new Error(e.message);
  if (e.stack) err.stack = e.stack;
  return err;
}
