import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, HealthIndicatorService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import { QueueName, QueueService } from '@zq/jobs';
import { MailTransport } from '@zq/mail';
import { Public } from '../http/auth.guard';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly db: TypeOrmHealthIndicator,
    private readonly indicator: HealthIndicatorService,
    private readonly queues: QueueService,
    private readonly mail: MailTransport,
  ) {}

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
