import type { AppConfig } from '@zq/persistence';
import { appendFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ChainHeadLogService } from './chain-head-log.service';
import { ReceiptKeyService } from './receipt-key.service';

describe('ChainHeadLogService', () => {
  let dir: string;
  let keys: ReceiptKeyService;
  let log: ChainHeadLogService;
  const seal = (roundId: string, chainSeq: number) => ({
    roundId,
    chainSeq,
    chainHash: String(chainSeq).repeat(64).slice(0, 64),
    trackingNo: `R1-省财政厅-${String(chainSeq).padStart(4, '0')}`,
    digest: 'ab'.repeat(32),
    unit: '省财政厅',
    actingUnit: '省财政厅',
    sealedAt: '2023-05-22T02:00:00.000Z',
  });

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'zq-heads-'));
    const config = { signingKeyFile: join(dir, 'key.pem'), chainHeadLogFile: join(dir, 'sub', 'chain-heads.log') } as AppConfig;
    keys = new ReceiptKeyService(config);
    log = new ChainHeadLogService(config, keys);
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('knows nothing before the first seal (no file)', async () => {
    expect(await log.round('r1')).toMatchObject({ head: null, unverifiable: 0 });
    expect(await log.entry('R1-省财政厅-0001')).toBeNull();
  });

  it('reads back what it appended, by round and by tracking number, also what was appended since the last read', async () => {
    const signer = await keys.signer();
    await log.append([seal('r1', 1), seal('r2', 1)], signer);
    expect((await log.round('r1')).head).toMatchObject({ chainSeq: 1 });
    await log.append([seal('r1', 2), seal('r1', 3)], signer);
    const r1 = await log.round('r1');
    expect([...r1.bySeq.keys()].sort()).toEqual([1, 2, 3]);
    expect(r1.head).toMatchObject({ chainSeq: 3, trackingNo: 'R1-省财政厅-0003' });
    expect((await log.round('r2')).bySeq.size).toBe(1);
    expect(await log.entry('R1-省财政厅-0002')).toMatchObject({ roundId: 'r1', chainSeq: 2 });
    // a second reader (another process) sees the same
    const other = new ChainHeadLogService({ chainHeadLogFile: log.file } as AppConfig, keys);
    expect((await other.round('r1')).head?.chainSeq).toBe(3);
  });

  it('waits for a line still being written, and counts a changed or forged line against its round', async () => {
    const signer = await keys.signer();
    await log.append([seal('r1', 1)], signer);
    const [line] = (await readFile(log.file, 'utf8')).trim().split('\n');
    const half = line.slice(0, 40);
    await appendFile(log.file, half);
    expect((await log.round('r1')).unverifiable).toBe(0); // not a line yet
    await appendFile(log.file, `${line.slice(40).replace('"chainSeq":1', '"chainSeq":2')}\n`);
    const r1 = await log.round('r1');
    expect(r1.unverifiable).toBe(1); // its signature no longer holds
    expect(r1.head?.chainSeq).toBe(1);
  });

  it('reads a replaced (shorter) file again from the start', async () => {
    const signer = await keys.signer();
    await log.append([seal('r1', 1), seal('r1', 2)], signer);
    expect((await log.round('r1')).head?.chainSeq).toBe(2);
    const [first] = (await readFile(log.file, 'utf8')).split('\n');
    await writeFile(log.file, `${first}\n`);
    expect((await log.round('r1')).head?.chainSeq).toBe(1);
  });

  it('never throws when the log cannot be written: the seals are committed already', async () => {
    const signer = await keys.signer();
    const broken = new ChainHeadLogService({ chainHeadLogFile: join(dir, 'key.pem', 'x.log') } as AppConfig, keys);
    await keys.signer(); // the key file exists: a directory cannot be made under it
    await expect(broken.append([seal('r1', 1)], signer)).resolves.toBeUndefined();
  });
});
