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

  describe('production refusals', () => {
    const prod = { NODE_ENV: 'production', DATABASE_URL: 'postgres://u@h/db', SMTP_URL: 'smtp://mail.example.gov.cn:587', JWT_SECRET: 'q8Vd2LmZ0rT5yXw1bN7cK4pS9hJ3fG6aE2uY' };

    it('starts with a long random secret and demo mode off', () => {
      expect(loadConfig(prod)).toMatchObject({ demoMode: false, jwtSecret: prod.JWT_SECRET });
    });

    it('refuses to start without SMTP_URL (mail would only be written to files) unless MAIL_TO_FILES=true', () => {
      expect(() => loadConfig({ ...prod, SMTP_URL: '' })).toThrow(/^配置错误 SMTP_URL: 生产环境必须设置/);
      expect(loadConfig({ ...prod, SMTP_URL: '', MAIL_TO_FILES: 'true' }).smtpUrl).toBeUndefined();
    });

    it('refuses DEMO_MODE unless ALLOW_DEMO_IN_PRODUCTION=true', () => {
      expect(() => loadConfig({ ...prod, DEMO_MODE: 'true' })).toThrow(/^配置错误 DEMO_MODE: 生产环境不能开启演示模式/);
      expect(loadConfig({ ...prod, DEMO_MODE: 'true', ALLOW_DEMO_IN_PRODUCTION: 'true' }).demoMode).toBe(true);
      expect(loadConfig({ DEMO_MODE: 'true', DATABASE_URL: 'postgres://u@h/db' }).demoMode).toBe(true); // not production
    });

    it('refuses a placeholder secret however long, and one shorter than 32 characters', () => {
      for (const placeholder of ['change-me-to-a-long-random-string-of-48-characters', 'CHANGE_ME_CHANGE_ME_CHANGE_ME_CHANGE_ME', 'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx', 'please-change-this-secret-before-deploying']) {
        expect(() => loadConfig({ ...prod, JWT_SECRET: placeholder })).toThrow(/^配置错误 JWT_SECRET: 是示例\/占位值/);
      }
      expect(() => loadConfig({ ...prod, JWT_SECRET: 'secret' })).toThrow(/^配置错误 JWT_SECRET: 至少 32 个字符，实际 6 个/);
      expect(() => loadConfig({ ...prod, METRICS_TOKEN: 'change-me-metrics-token' })).toThrow(/^配置错误 METRICS_TOKEN/);
    });
  });

  it('refuses a LOG_LEVEL pino does not know, listing the levels', () => {
    expect(() => loadConfig({ LOG_LEVEL: 'verbose' })).toThrow(/^配置错误 LOG_LEVEL: 应为 fatal、error、warn、info、debug、trace、silent 之一，实际为 "verbose"/);
    expect(loadConfig({ LOG_LEVEL: 'debug' }).logLevel).toBe('debug');
  });

  it('explains that THROTTLE_PER_MINUTE=-1 is not "unlimited"', () => {
    expect(() => loadConfig({ THROTTLE_PER_MINUTE: '-1' })).toThrow(/^配置错误 THROTTLE_PER_MINUTE: 应在 10 到 10000000 之间（每个客户端地址每分钟的请求数），实际为 -1；不能用负数/);
    expect(() => loadConfig({ THROTTLE_PER_MINUTE: 'lots' })).toThrow(/应为整数/);
  });

  it('reads the operators settings: metrics token and allow-list, worker health port', () => {
    expect(loadConfig({})).toMatchObject({ metricsToken: undefined, metricsAllow: ['127.0.0.1', '::1'], workerHealthPort: undefined });
    expect(loadConfig({ METRICS_TOKEN: 'a-metrics-token-0123', METRICS_ALLOW: '', WORKER_HEALTH_PORT: '9464' })).toMatchObject({ metricsToken: 'a-metrics-token-0123', metricsAllow: [], workerHealthPort: 9464 });
    expect(() => loadConfig({ METRICS_TOKEN: 'short' })).toThrow(/METRICS_TOKEN: 至少 16 个字符/);
    expect(() => loadConfig({ WORKER_HEALTH_PORT: '0' })).toThrow(/WORKER_HEALTH_PORT/);
  });
});
