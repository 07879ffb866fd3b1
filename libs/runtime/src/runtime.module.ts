import { DynamicModule, Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AccessModule } from '@zq/access';
import { AdoptionModule } from '@zq/adoption';
import { WorkingCalendar } from '@zq/calendar';
import { Clock, RenderThreads, SystemClock } from '@zq/common';
import { DirectoryModule } from '@zq/directory';
import { JobsModule } from '@zq/jobs';
import { MailModule } from '@zq/mail';
import { ConsultationModule } from '@zq/consultation';
import { DraftingModule } from '@zq/drafting';
import { FeedbackModule } from '@zq/feedback';
import { RemindersModule } from '@zq/reminders';
import { buildDataSourceOptions, databaseConnectError, migrateUnderLock, StartupError } from '@zq/persistence';
import { DataSource } from 'typeorm';
import { LoggerModule } from 'nestjs-pino';
import { randomUUID } from 'node:crypto';
import type { Runtime } from './boot';
import { runtimeProviders } from './boot';
import { loadWorkingCalendar } from './calendar-from-config';
import { allEntities } from './entities';
import { PortsModule } from './ports.module';
import { operatorProviders, Readiness } from './operators';
import { StartupService } from './startup.service';

@Global()
@Module({})
class RuntimeGlobalsModule {
  static forRoot(runtime: Runtime, clock: Clock): DynamicModule {
    const providers = [
      ...runtimeProviders(runtime),
      { provide: Clock, useValue: clock },
      // Word and Excel exports are typeset off the event loop (started at the first, closed with the app)
      { provide: RenderThreads, useClass: RenderThreads },
      // the Chinese working-day calendar with the office's corrections, for deadlines and reminders alike
      { provide: WorkingCalendar, useFactory: () => loadWorkingCalendar(runtime.config) },
    ];
    return { module: RuntimeGlobalsModule, providers, exports: providers.map((p) => p.provide) };
  }
}

/** The composition root shared by the API, the worker and the CLI. */
@Module({})
export class RuntimeModule {
  static forRoot(runtime: Runtime, opts: { clock?: Clock; startup?: boolean } = {}): DynamicModule {
    const { config } = runtime;
    return {
      module: RuntimeModule,
      imports: [
        RuntimeGlobalsModule.forRoot(runtime, opts.clock ?? new SystemClock()),
        LoggerModule.forRoot({
          pinoHttp: {
            level: config.logLevel,
            genReqId: (req, res) => {
              const id = (req.headers['x-request-id'] as string) || randomUUID();
              res.setHeader('x-request-id', id);
              return id;
            },
            autoLogging: { ignore: (req) => req.url === '/metrics' || !!req.url?.startsWith('/api/v1/health') },
            // one line per request: what was asked, by whom, the answer's status and time; 4xx at warn
            customLogLevel: (_req, res, err) => (err || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info'),
            customProps: (req) => ({ userId: (req as { actor?: { userId?: string } }).actor?.userId }),
            serializers: {
              req: (req: { id: unknown; method: string; url: string; remoteAddress?: string }) => ({ id: req.id, method: req.method, url: req.url, remoteAddress: req.remoteAddress }),
              res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
            },
            redact: ['req.headers.authorization', 'req.headers.cookie'],
          },
        }),
        TypeOrmModule.forRootAsync({
          useFactory: () => ({
            ...buildDataSourceOptions(runtime.databaseUrl, allEntities),
            // a test that cannot connect should fail at once, not retry for half a minute
            retryAttempts: config.nodeEnv === 'test' ? 0 : 10,
            // only a server not there yet is worth waiting for; a wrong password or a failing migration is not
            toRetry: (err: unknown) => err instanceof StartupError && err.retryable,
          }),
          // migrations run under the schema lock: api and worker starting together take turns
          dataSourceFactory: async (options) => {
            const dataSource = await new DataSource(options!).initialize().catch((err) => {
              throw databaseConnectError(err, runtime.databaseUrl) ?? err;
            });
            try {
              await migrateUnderLock(dataSource);
            } catch (err) {
              await dataSource.destroy().catch(() => undefined);
              throw err;
            }
            return dataSource;
          },
        }),
        JobsModule.forRoot(runtime.queueConnection),
        DirectoryModule,
        MailModule,
        AccessModule,
        DraftingModule,
        ConsultationModule,
        RemindersModule,
        PortsModule,
        FeedbackModule,
        AdoptionModule,
      ],
      providers: opts.startup === false ? [] : [StartupService, ...operatorProviders],
      exports: [...(opts.startup === false ? [] : [Readiness]), DirectoryModule, MailModule, AccessModule, DraftingModule, ConsultationModule, RemindersModule, FeedbackModule, AdoptionModule],
    };
  }
}
