import { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { SwaggerModule } from '@nestjs/swagger';
import { Clock } from '@zq/common';
import { Runtime } from '@zq/runtime';
import helmet from 'helmet';
import { Logger } from 'nestjs-pino';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ApiModule } from './api.module';
import { answerMalformedRequestsWithJson } from './http/client-error';
import { InputGuardPipe } from './http/input-guard.pipe';
import { bodyParsers } from './http/json-body';
import { httpMetrics, metricsEndpoint, mountQueueBoard } from './http/operators';
import { validationPipe } from './http/validation';
import { API_PREFIX, API_PREFIX_EXCLUDE, buildOpenApiDocument } from './openapi/document';

/** Builds the HTTP application (used by main.ts and by the end-to-end tests). */
export async function createApiApp(runtime: Runtime, opts: { clock?: Clock; logger?: boolean } = {}): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(ApiModule.forRoot(runtime, opts), { bufferLogs: true, abortOnError: false, bodyParser: false });
  app.useLogger(app.get(Logger));
  answerMalformedRequestsWithJson(app.getHttpServer());
  app.use(httpMetrics);
  app.use(helmet({ contentSecurityPolicy: false, crossOriginEmbedderPolicy: false }));
  for (const parser of bodyParsers()) app.use(parser);
  app.setGlobalPrefix(API_PREFIX, { exclude: API_PREFIX_EXCLUDE });
  app.useGlobalPipes(new InputGuardPipe(), validationPipe);
  SwaggerModule.setup('api/docs', app, buildOpenApiDocument(app), { jsonDocumentUrl: 'api/docs-json' });
  // operators: never the web app's index.html
  app.getHttpAdapter().getInstance().get('/metrics', metricsEndpoint(runtime));
  mountQueueBoard(app);
  // compiled: dist/apps/api/src → repo root is four levels up; from source (tests): three
  const web = [join(__dirname, '..', '..', '..', '..', 'apps', 'web', 'dist'), join(__dirname, '..', '..', '..', 'apps', 'web', 'dist')].find((p) =>
    existsSync(join(p, 'index.html')),
  );
  if (web) {
    app.useStaticAssets(web, { index: false });
    const index = join(web, 'index.html');
    app.use((req: { method: string; path: string }, res: { sendFile(p: string): void }, next: () => void) => {
      if (req.method === 'GET' && !req.path.startsWith('/api/')) res.sendFile(index);
      else next();
    });
  }
  return app;
}
