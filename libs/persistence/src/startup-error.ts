/** The process cannot start for a reason outside its configuration; the message says which, in Chinese. */
export class StartupError extends Error {
  constructor(
    message: string,
    readonly detail?: string,
    /** worth trying again in a few seconds (the server may be coming up) */
    readonly retryable = false,
  ) {
    super(detail ? `${message}\n${detail}` : message);
    this.name = 'StartupError';
  }
}

/** A connection string without its password, for messages. */
export function redactedUrl(raw: string): string {
  try {
    const u = new URL(raw);
    if (u.password) u.password = '***';
    return u.toString().replace(/\/$/, '');
  } catch {
    return '（无法解析的地址）';
  }
}

const DATABASE_REASONS: Record<string, [string, boolean]> = {
  ECONNREFUSED: ['连接被拒绝（该地址上没有 PostgreSQL 在监听）', true],
  ENOTFOUND: ['主机名无法解析', true],
  EAI_AGAIN: ['主机名暂时无法解析', true],
  EHOSTUNREACH: ['主机不可达', true],
  ENETUNREACH: ['网络不可达', true],
  ETIMEDOUT: ['连接超时', true],
  ECONNRESET: ['连接被对方重置', true],
  '57P03': ['数据库正在启动，暂不接受连接', true],
  '53300': ['数据库的连接数已满', true],
  '28P01': ['用户名或密码不对', false],
  '28000': ['服务器拒绝了这个用户或来源地址（pg_hba.conf）', false],
  '3D000': ['数据库不存在（先创建它，例如 createdb，或改 DATABASE_URL）', false],
  '42501': ['该用户没有所需的权限', false],
};

/**
 * A failure to open DATABASE_URL as a StartupError saying why in Chinese, or null for anything
 * else (a failing migration keeps its own message). Network errors and a starting server are
 * retryable; a wrong password or a missing database is not.
 */
export function databaseConnectError(err: unknown, databaseUrl: string): StartupError | null {
  const e = err as { code?: string; message?: string; errors?: { code?: string }[] } | undefined;
  const code = e?.code ?? e?.errors?.find((x) => x.code)?.code ?? (/timeout expired|timed out/i.test(e?.message ?? '') ? 'ETIMEDOUT' : undefined);
  const known = code ? DATABASE_REASONS[code] : undefined;
  if (!known) return null;
  return new StartupError(`无法连接数据库 ${redactedUrl(databaseUrl)}：${known[0]}（${code}）。`, undefined, known[1]);
}
