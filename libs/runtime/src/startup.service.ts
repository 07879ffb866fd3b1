import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { AuthService } from '@zq/access';
import { DirectoryService } from '@zq/directory';
import { OutboxService, QueueService } from '@zq/jobs';
import { APP_CONFIG, AppConfig } from '@zq/persistence';

/** Seeds demo data on an empty database, then starts the workers and the outbox sweep for this role. */
@Injectable()
export class StartupService implements OnApplicationBootstrap {
  private readonly log = new Logger('Startup');

  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly directory: DirectoryService,
    private readonly auth: AuthService,
    private readonly queues: QueueService,
    private readonly outbox: OutboxService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.demoMode) {
      await this.directory.seedDemoIfEmpty();
      await this.auth.seedDemoUsersIfEmpty();
    }
    if (this.config.role !== 'api') {
      await this.queues.startWorkers();
      this.log.log(`workers started on the ${this.queues.connection.backend} queue backend`);
    } else {
      this.queues.discoverHandlers();
    }
    this.outbox.startSweeping();
  }
}
