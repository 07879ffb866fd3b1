import { MailTransport } from '@zq/mail';
import { loadConfig } from '@zq/persistence';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Worker } from 'node:worker_threads';
import { SmtpSink } from '../support/smtp-sink';

/**
 * A burst's mails go out on a sender thread with its own SMTP pool. If that thread dies, the mails it
 * held are refused (the batch gives them send jobs) and the next mails get a new thread: the burst path
 * does not stay on the slow road for the rest of the process's life.
 */
describe('the SMTP sender thread (real SMTP server)', () => {
  let sink: SmtpSink;
  let transport: MailTransport;
  let dataDir: string;
  const mail = (n: number) => ({ to: `unit${n}@example.org`, subject: `催办第${n}封`, text: `请于截止时间前反馈（第${n}封）`, messageId: `<thread-${n}@zhengqiu-yijian.local>` });

  beforeAll(async () => {
    sink = await new SmtpSink().start();
    dataDir = await mkdtemp(join(tmpdir(), 'zq-thread-'));
    transport = new MailTransport(loadConfig({ NODE_ENV: 'test', SMTP_URL: sink.url, DATA_DIR: dataDir, JWT_SECRET: 'test-secret-test-secret-test-secret-0123456789' }));
  });
  afterAll(async () => {
    await transport?.onApplicationShutdown();
    await sink?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('sends on a new thread after the old one died', async () => {
    await transport.sendOffThread(mail(1));
    const thread = (transport as unknown as { thread: { worker: Worker } }).thread;
    await thread.worker.terminate(); // the thread dies (as on an uncaught error in it)
    await new Promise((r) => setImmediate(r));
    await expect(transport.sendOffThread(mail(2))).resolves.toBeUndefined();
    await transport.sendOffThread(mail(3));
    await sink.waitFor(3);
    expect(sink.messages.map((m) => m.subject)).toEqual(['催办第1封', '催办第2封', '催办第3封']);
    expect((transport as unknown as { thread: unknown }).thread).not.toBe(thread);
  });
});
