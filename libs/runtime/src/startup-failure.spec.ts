import fc from 'fast-check';
import { ConfigError, databaseConnectError, StartupError } from '@zq/persistence';
import { startupFailure } from './boot';

describe('what a process that cannot start prints', () => {
  it('never a bare "undefined": whatever was thrown, a Chinese lead and exit 1, or the variable and 78', () => {
    fc.assert(
      fc.property(fc.oneof(fc.constant(undefined), fc.constant(null), fc.constant(''), fc.anything({ withObjectString: true, withNullPrototype: true }), fc.string().map((m) => new Error(m))), (thrown) => {
        const { text, exitCode } = startupFailure(thrown);
        expect(text).toMatch(/^启动失败：./);
        // a thrown string is printed as it is (even "null"); nothing else ever prints as a bare undefined/null
        if (typeof thrown !== 'string') expect(text).not.toMatch(/^启动失败：(undefined|null)?$/);
        expect(exitCode).toBe(1);
      }),
    );
    expect(startupFailure(undefined).text).toBe('启动失败：未知原因（没有错误信息）');
    expect(startupFailure(new ConfigError('PORT', '应为整数'))).toEqual({ text: '配置错误 PORT: 应为整数', exitCode: 78 });
    expect(startupFailure(new StartupError('内置 PostgreSQL 无法启动：端口已被占用。', 'PostgreSQL 的输出：…')).text).toBe('启动失败：内置 PostgreSQL 无法启动：端口已被占用。\nPostgreSQL 的输出：…');
  });

  it('a port in use names the port and the variable', () => {
    const err = Object.assign(new Error('listen EADDRINUSE: address already in use 0.0.0.0:3000'), { code: 'EADDRINUSE', syscall: 'listen', port: 3000 });
    expect(startupFailure(err).text).toMatch(/^启动失败：端口 3000 已被占用（PORT）/);
    expect(startupFailure(err, 'WORKER_HEALTH_PORT').text).toContain('WORKER_HEALTH_PORT=…');
  });

  it('a database that cannot be opened: why, without the password; only a server not there yet is retried', () => {
    const url = 'postgres://zq:s3cret-pw@db:5432/zhengqiu';
    const refused = databaseConnectError(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }), url)!;
    expect(refused.message).toBe('无法连接数据库 postgres://zq:***@db:5432/zhengqiu：连接被拒绝（该地址上没有 PostgreSQL 在监听）（ECONNREFUSED）。');
    expect(refused.retryable).toBe(true);
    const password = databaseConnectError(Object.assign(new Error('password authentication failed'), { code: '28P01' }), url)!;
    expect([password.message.includes('用户名或密码不对'), password.retryable, password.message.includes('s3cret')]).toEqual([true, false, false]);
    expect(databaseConnectError(Object.assign(new Error('x'), { code: '3D000' }), url)!.retryable).toBe(false);
    // an AggregateError (IPv4 and IPv6 both refused) carries the code on its parts
    expect(databaseConnectError(Object.assign(new AggregateError([Object.assign(new Error(), { code: 'ECONNREFUSED' })]), {}), url)?.retryable).toBe(true);
    // a failing migration is not a connection problem: it keeps its own message
    expect(databaseConnectError(Object.assign(new Error('column "x" already exists'), { code: '42701' }), url)).toBeNull();
  });
});
