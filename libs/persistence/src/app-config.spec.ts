import { ConfigError, loadConfig } from './app-config';

describe('loadConfig', () => {
  it('runs on the embedded default with no variables at all', () => {
    const c = loadConfig({});
    expect(c).toMatchObject({ port: 3000, databaseUrl: undefined, redisUrl: undefined, smtpUrl: undefined, demoMode: true, role: 'all' });
  });

  it('refuses a DATABASE_URL that is not a URL, naming the variable', () => {
    expect(() => loadConfig({ DATABASE_URL: 'localhost:5432/zq' })).toThrow(ConfigError);
    expect(() => loadConfig({ DATABASE_URL: 'localhost:5432/zq' })).toThrow(/DATABASE_URL/);
  });

  it('refuses a DATABASE_URL with the wrong protocol', () => {
    expect(() => loadConfig({ DATABASE_URL: 'mysql://u@h/db' })).toThrow(/DATABASE_URL: 协议应为 postgres 或 postgresql/);
  });

  it('refuses a bad PORT and a short JWT_SECRET', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => loadConfig({ JWT_SECRET: 'short' })).toThrow(/JWT_SECRET/);
  });

  it('needs JWT_SECRET in production and DATABASE_URL for a separate worker', () => {
    expect(() => loadConfig({ NODE_ENV: 'production', DATABASE_URL: 'postgres://u@h/db' })).toThrow(/JWT_SECRET/);
    expect(() => loadConfig({ APP_ROLE: 'worker' })).toThrow(/DATABASE_URL/);
  });

  it('turns demo mode off when an external database is configured', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://u@h/db' }).demoMode).toBe(false);
  });
});
