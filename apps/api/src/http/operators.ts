import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import { INestApplication } from '@nestjs/common';
import { Actor, AuthService } from '@zq/access';
import { metrics } from '@zq/common';
import { QueueName, QueueService } from '@zq/jobs';
import { metricsAccess, Runtime } from '@zq/runtime';
import type { NextFunction, Request, Response } from 'express';

export const QUEUES_PATH = '/admin/queues';
export const QUEUES_COOKIE = 'zq_queues';

type Req = Request & { actor?: Actor };

/** Latency of every HTTP request by route pattern (e.g. /api/v1/rounds/:id), never by raw URL. */
export function httpMetrics(req: Req, res: Response, next: NextFunction): void {
  const start = process.hrtime.bigint();
  res.on('finish', () => {
    const route = req.route?.path
      ? `${req.baseUrl ?? ''}${req.route.path}`
      : req.path.startsWith(QUEUES_PATH)
        ? QUEUES_PATH
        : req.path === '/metrics'
          ? '/metrics'
          : 'unmatched';
    metrics.httpDuration.observe({ method: req.method, route, status: String(res.statusCode) }, Number(process.hrtime.bigint() - start) / 1e9);
  });
  next();
}

/** GET /metrics in the Prometheus text format, for METRICS_ALLOW addresses or the METRICS_TOKEN bearer. */
export function metricsEndpoint(runtime: Runtime) {
  return async (req: Req, res: Response): Promise<void> => {
    const access = metricsAccess(runtime.config, req);
    if (!access.ok) {
      if (access.status === 401) res.setHeader('WWW-Authenticate', 'Bearer realm="metrics"');
      res.status(access.status).json({ statusCode: access.status, code: access.code, message: access.message });
      return;
    }
    res.setHeader('Content-Type', metrics.contentType);
    res.send(await metrics.text());
  };
}

function cookie(req: Request, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return decodeURIComponent(v.join('='));
  }
  return undefined;
}

/** The page a browser gets at /admin/queues without the cookie: takes the web app's sign-in (same origin) and sets it. */
const SIGN_IN_PAGE = `<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>队列监控</title>
<body style="font-family:sans-serif;margin:3em">
<p id="m">正在以当前登录的管理员身份打开队列监控…</p>
<script>
const token = sessionStorage.getItem('zq.token');
const m = document.getElementById('m');
if (!token) m.innerHTML = '请先<a href="/login">以办公室管理员身份登录</a>系统，再在同一标签页打开 ${QUEUES_PATH}。';
else fetch('/api/v1/admin/queues/session', { method: 'POST', headers: { authorization: 'Bearer ' + token } }).then((r) => {
  if (r.ok) location.reload();
  else r.json().then((b) => { m.textContent = b.message || '无权访问队列监控'; });
});
</script></body></html>`;

/**
 * bull-board at /admin/queues for office admins: the JWT as bearer, or the cookie that
 * POST /api/v1/admin/queues/session sets (HttpOnly, SameSite=Strict, path /admin/queues).
 */
export function mountQueueBoard(app: INestApplication): void {
  const queues = app.get(QueueService);
  const auth = app.get(AuthService);
  const adapter = new ExpressAdapter();
  adapter.setBasePath(QUEUES_PATH);
  createBullBoard({
    queues: Object.values(QueueName).map((name) => new BullMQAdapter(queues.queue(name))),
    // @bull-board/express 9.10.1 types against its own copy of @bull-board/api 9.10.1
    serverAdapter: adapter as never,
    options: { uiConfig: { boardTitle: '征求意见 队列' } },
  });
  const guard = async (req: Req, res: Response, next: NextFunction) => {
    const header = req.headers.authorization;
    const token = header?.startsWith('Bearer ') ? header.slice(7) : cookie(req, QUEUES_COOKIE);
    const wantsPage = req.method === 'GET' && /text\/html/.test(req.headers.accept ?? '');
    if (!token) {
      if (wantsPage) res.status(401).type('html').send(SIGN_IN_PAGE);
      else res.status(401).json({ statusCode: 401, code: 'UNAUTHENTICATED', message: '请先以办公室管理员身份登录' });
      return;
    }
    let actor: Actor;
    try {
      actor = await auth.verifyToken(token);
    } catch {
      if (wantsPage) res.status(401).type('html').send(SIGN_IN_PAGE);
      else res.status(401).json({ statusCode: 401, code: 'TOKEN_INVALID', message: '登录已失效，请重新登录' });
      return;
    }
    if (actor.role !== 'office_admin') {
      res.status(403).json({ statusCode: 403, code: 'ADMIN_ONLY', message: '队列监控只对办公室管理员开放' });
      return;
    }
    req.actor = actor;
    next();
  };
  app.use(QUEUES_PATH, guard, adapter.getRouter());
}
