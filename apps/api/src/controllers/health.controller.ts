import { Controller, Get, HttpCode, Inject, Post, Req, Res, ServiceUnavailableException } from '@nestjs/common';
import { ApiOperation, ApiProperty, ApiResponse, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, HealthIndicatorService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { QueueName, QueueService } from '@zq/jobs';
import { MailTransport } from '@zq/mail';
import { AccessPolicy, Actor } from '@zq/access';
import { APP_CONFIG, AppConfig } from '@zq/persistence';
import { Readiness } from '@zq/runtime';
import type { Request, Response } from 'express';
import { ApiErrors, ApiResult } from '../http/api-docs';
import { CurrentActor, Public } from '../http/auth.guard';
import { QUEUES_COOKIE, QUEUES_PATH } from '../http/operators';

class LiveResult {
  @ApiProperty({ enum: ['ok'] }) status: 'ok';
}

class ReadyResult {
  @ApiProperty({ enum: ['ok'] }) status: 'ok';
  @ApiProperty() ready: boolean;
  @ApiProperty({ description: 'up 或 down: 原因' }) database: string;
  @ApiProperty({ description: 'up 或 down: 原因' }) queue: string;
  @ApiProperty({ enum: ['redis', 'postgres'] }) backend: string;
}

class QueueBoardSession {
  @ApiProperty({ description: '队列监控页面的路径', example: '/admin/queues' }) path: string;
  @ApiProperty({ description: 'Cookie 有效秒数（与登录令牌相同）' }) expiresIn: number;
}

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly db: TypeOrmHealthIndicator,
    private readonly indicator: HealthIndicatorService,
    private readonly queues: QueueService,
    private readonly mail: MailTransport,
    private readonly readiness: Readiness,
  ) {}

  /** Liveness: the process answers (no dependency checked: a database outage must not restart it). */
  @Public()
  @Get('live')
  @ApiOperation({ summary: '存活检查（只看进程是否响应）' })
  @ApiResult(LiveResult)
  live(): LiveResult {
    return { status: 'ok' };
  }

  /** Readiness: the database and the queue backend answer; 503 otherwise (take it out of the balancer). */
  @Public()
  @Get('ready')
  @ApiOperation({ summary: '就绪检查（数据库与队列可用；否则 503）' })
  @ApiResult(ReadyResult)
  @ApiResponse({ status: 503, description: 'NOT_READY：数据库或队列不可用' })
  async ready(): Promise<ReadyResult> {
    const r = await this.readiness.check();
    if (!r.ready) throw new ServiceUnavailableException({ statusCode: 503, code: 'NOT_READY', message: '数据库或队列不可用', details: r });
    return { status: 'ok', ...r };
  }

  @Public()
  @Get()
  @HealthCheck()
  @ApiOperation({ summary: '健康检查（数据库、队列、邮件）' })
  check() {
    return this.health.check([
      () => this.db.pingCheck('database', { timeout: 3000 }),
      async () => {
        const queue = this.indicator.check('queue');
        try {
          const counts = await this.queues.queue(QueueName.Mail).getJobCounts('waiting', 'delayed', 'failed');
          return queue.up({ backend: this.queues.connection.backend, mail: counts });
        } catch (err) {
          return queue.down({ backend: this.queues.connection.backend, message: err.message });
        }
      },
      async () => {
        const mail = this.indicator.check('mail');
        try {
          await this.mail.verify();
          return mail.up({ transport: this.mail.kind });
        } catch (err) {
          return mail.down({ transport: this.mail.kind, message: err.message });
        }
      },
    ]);
  }
}

/** The way a browser gets into bull-board: the signed-in admin's token as a cookie scoped to /admin/queues. */
@ApiTags('health')
@Controller('admin/queues')
export class QueueBoardSessionController {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  @Post('session')
  @HttpCode(200)
  @ApiOperation({ summary: '为管理员设置队列监控（/admin/queues）的 Cookie' })
  @ApiResult(QueueBoardSession)
  @ApiErrors({ 403: ['ADMIN_ONLY'] })
  session(@CurrentActor() actor: Actor, @Req() req: Request, @Res({ passthrough: true }) res: Response): QueueBoardSession {
    AccessPolicy.requireOfficeAdmin(actor);
    const token = String(req.headers.authorization).slice(7);
    res.cookie(QUEUES_COOKIE, token, { httpOnly: true, sameSite: 'strict', path: QUEUES_PATH, secure: this.config.publicUrl.startsWith('https:'), maxAge: this.config.jwtTtlSeconds * 1000 });
    return { path: QUEUES_PATH, expiresIn: this.config.jwtTtlSeconds };
  }
}
