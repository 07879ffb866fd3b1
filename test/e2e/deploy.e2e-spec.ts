import { loadConfig } from '@zq/persistence';
// js-yaml comes with the dev tools (redocly); the compose file is plain YAML with anchors
import { load } from 'js-yaml';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');
interface Service {
  image?: string;
  command?: string[];
  restart?: string;
  profiles?: string[];
  environment?: Record<string, string>;
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test: string[] };
}
/** YAML merge keys (`<<: *app`), as docker-compose applies them (js-yaml 5 reads YAML 1.2, which has none). */
function merged(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(merged);
  if (!node || typeof node !== 'object') return node;
  const { '<<': base, ...own } = node as Record<string, unknown>;
  const bases = (Array.isArray(base) ? base : base ? [base] : []).map((b) => merged(b) as Record<string, unknown>);
  return Object.assign({}, ...bases, Object.fromEntries(Object.entries(own).map(([k, v]) => [k, merged(v)])));
}
const compose = merged(load(readFileSync(join(root, 'docker-compose.yml'), 'utf8'))) as { services: Record<string, Service> };
const { services } = compose;
const dockerfile = readFileSync(join(root, 'Dockerfile'), 'utf8');

/** What `docker-compose.yml` deploys: checked as a file here; `docker-compose config` was run on it by hand (README). */
describe('the deployable compose file and image', () => {
  it('pins every image to a version', () => {
    for (const [name, s] of Object.entries(services)) {
      expect([name, s.image]).toEqual([name, expect.stringMatching(/:(v?\d+\.\d+[\w.-]*)$/)]);
    }
    expect(dockerfile.match(/^FROM .*/gm)).toEqual(['FROM node:24.21.0-bookworm-slim AS build', 'FROM node:24.21.0-bookworm-slim']);
  });

  it('runs the app in production without demo data and with no secret written in the file', () => {
    for (const name of ['migrate', 'api', 'worker']) {
      const env = services[name].environment!;
      expect(env).toMatchObject({ NODE_ENV: 'production', DEMO_MODE: 'false' });
      expect(env.JWT_SECRET).toBe('${JWT_SECRET}');
      expect(env.DATABASE_URL).toContain('${POSTGRES_PASSWORD}');
    }
    expect(services.postgres.environment!.POSTGRES_PASSWORD).toBe('${POSTGRES_PASSWORD}');
    // started without a filled-in .env, the app refuses instead of running on blanks
    const blank = Object.fromEntries(Object.entries(services.api.environment!).map(([k, v]) => [k, v.replace(/\$\{[^}]*\}/g, '')]));
    expect(() => loadConfig(blank)).toThrow(/^配置错误 JWT_SECRET/);
  });

  it('migrates once before api and worker start', () => {
    expect(services.migrate).toMatchObject({ restart: 'no', command: ['node', 'dist/apps/cli/src/main.js', 'migrate'] });
    for (const name of ['api', 'worker']) {
      expect(services[name].depends_on).toMatchObject({ migrate: { condition: 'service_completed_successfully' }, postgres: { condition: 'service_healthy' }, redis: { condition: 'service_healthy' } });
    }
  });

  it('has a healthcheck and a restart policy on every long-running service, and Mailpit only in the dev profile', () => {
    for (const name of ['postgres', 'redis', 'api', 'worker']) {
      expect([name, services[name].restart, !!services[name].healthcheck?.test?.length]).toEqual([name, 'unless-stopped', true]);
    }
    expect(services.api.healthcheck!.test.join(' ')).toContain('/api/v1/health/ready');
    expect(services.worker.environment!.WORKER_HEALTH_PORT).toBe('9464');
    expect(services.worker.healthcheck!.test.join(' ')).toContain(':9464/health/ready');
    expect(services.mailpit.profiles).toEqual(['dev']);
    expect(services.redis.command).toEqual(expect.arrayContaining(['--appendonly', 'yes', '--maxmemory-policy', 'noeviction']));
  });

  it('builds an image that runs as a non-root user with production dependencies only', () => {
    expect(dockerfile).toMatch(/npm prune --omit=dev/);
    expect(dockerfile).toMatch(/^USER node$/m);
    expect(dockerfile).not.toMatch(/\|\| npm install/);
  });

  it('keeps secrets out of git: .env ignored, .env.example committed without values for them', () => {
    expect(readFileSync(join(root, '.gitignore'), 'utf8')).toMatch(/^\.env$/m);
    const example = readFileSync(join(root, '.env.example'), 'utf8');
    for (const secret of ['POSTGRES_PASSWORD', 'JWT_SECRET', 'METRICS_TOKEN']) expect(example).toMatch(new RegExp(`^${secret}=$`, 'm'));
  });
});
