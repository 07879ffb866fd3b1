import { INestApplicationContext } from '@nestjs/common';
import { metrics } from '@zq/common';
import { metricsAccess, Readiness, Runtime } from '@zq/runtime';
import { createServer, Server } from 'node:http';

/**
 * The worker's own health on WORKER_HEALTH_PORT (it has no HTTP API): GET /health/live (the process
 * answers), GET /health/ready (database and queue backend answer, else 503) and GET /metrics (the
 * same guard as the API's: METRICS_ALLOW or the METRICS_TOKEN bearer).
 */
export async function startWorkerHealth(app: INestApplicationContext, runtime: Runtime, port: number): Promise<Server> {
  const readiness = app.get(Readiness);
  const server = createServer(async (req, res) => {
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
      res.end(JSON.stringify(body));
    };
    try {
      const path = (req.url ?? '/').split('?')[0];
      if (req.method !== 'GET') return send(405, { statusCode: 405, code: 'METHOD_NOT_ALLOWED', message: '只支持 GET' });
      if (path === '/health/live') return send(200, { status: 'ok', role: 'worker' });
      if (path === '/health/ready') {
        const r = await readiness.check();
        return r.ready ? send(200, { status: 'ok', role: 'worker', ...r }) : send(503, { statusCode: 503, code: 'NOT_READY', message: '数据库或队列不可用', details: r });
      }
      if (path === '/metrics') {
        const access = metricsAccess(runtime.config, req);
        if (!access.ok) return send(access.status, { statusCode: access.status, code: access.code, message: access.message });
        res.writeHead(200, { 'content-type': metrics.contentType });
        return res.end(await metrics.text());
      }
      send(404, { statusCode: 404, code: 'NOT_FOUND', message: '可用路径：/health/live、/health/ready、/metrics' });
    } catch (err) {
      send(500, { statusCode: 500, code: 'INTERNAL', message: String((err as Error).message) });
    }
  });
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(port, '0.0.0.0', () => resolve()));
  return server;
}
