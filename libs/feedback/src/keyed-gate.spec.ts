import { KeyedGate } from './keyed-gate';

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('KeyedGate', () => {
  it('runs at most `limit` tasks of one key at once, in arrival order, and other keys freely', async () => {
    const gate = new KeyedGate(2);
    const started: string[] = [];
    const release = new Map<string, () => void>();
    const task = (name: string) => () =>
      new Promise<string>((resolve) => {
        started.push(name);
        release.set(name, () => resolve(name));
      });
    const done = ['a1', 'a2', 'a3', 'a4'].map((n) => gate.run('a', task(n)));
    const other = gate.run('b', task('b1'));
    await tick();
    expect(started).toEqual(['a1', 'a2', 'b1']);
    release.get('a2')!();
    await tick();
    expect(started).toEqual(['a1', 'a2', 'b1', 'a3']);
    release.get('a1')!();
    release.get('a3')!();
    await tick();
    release.get('a4')!();
    release.get('b1')!();
    expect(await Promise.all([...done, other])).toEqual(['a1', 'a2', 'a3', 'a4', 'b1']);
  });

  it('frees the slot when a task fails', async () => {
    const gate = new KeyedGate(1);
    await expect(gate.run('k', () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await gate.run('k', async () => 'next')).toBe('next');
  });
});
