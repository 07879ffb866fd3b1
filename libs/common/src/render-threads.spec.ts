import { join } from 'node:path';
import { threadId } from 'node:worker_threads';
import { DomainError } from './domain-error';
import { RenderThreads, threadTask } from './render-threads';

const TASK = threadTask<typeof import('../../../test/fixtures/render-threads-task')>(join(__dirname, '../../../test/fixtures/render-threads-task.ts'));

describe('RenderThreads', () => {
  let threads: RenderThreads;
  beforeEach(() => (threads = new RenderThreads()));
  afterEach(() => threads.onApplicationShutdown());

  it('returns the bytes the function made, from another thread', async () => {
    const out = await threads.run(TASK, 'bytes', '意见采纳情况表', 1000);
    expect(out.equals(Buffer.from('意见采纳情况表'.repeat(1000)))).toBe(true);
    expect(await threads.run(TASK, 'thread')).not.toBe(threadId);
  });

  it('rejects with the DomainError the function threw: its kind, code and message as the API maps them', async () => {
    const err = await threads.run(TASK, 'refuse', 'format').catch((e) => e);
    expect(err).toBeInstanceOf(DomainError);
    expect(err).toMatchObject({ kind: 'invalid_input', code: 'TEST_REFUSED', message: '不接受 format', details: { field: 'format' } });
  });

  it('starts a new thread for the next render when one died', async () => {
    await expect(threads.run(TASK, 'die')).rejects.toThrow('渲染线程已退出');
    const out = await threads.run(TASK, 'bytes', '续', 2);
    expect(out.toString()).toBe('续续');
  });

  it('refuses renders once the app has shut down', async () => {
    await threads.run(TASK, 'thread');
    await threads.onApplicationShutdown();
    await expect(threads.run(TASK, 'thread')).rejects.toThrow('渲染线程已关闭');
  });
});
