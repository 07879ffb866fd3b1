import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { AuthService } from '@zq/access';
import { DirectoryService } from '@zq/directory';
import { DraftingService } from '@zq/drafting';
import { MailDelivery } from '@zq/mail';
import { ReminderQueue, ReminderTimers } from '@zq/reminders';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { OutboxService, QueueLossWatcher, QueueService } from '@zq/jobs';
import { APP_CONFIG, AppConfig, withSchemaLock } from '@zq/persistence';

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
    private readonly drafting: DraftingService,
    private readonly dataSource: DataSource,
    private readonly reminderTimers: ReminderTimers,
    private readonly reminderQueue: ReminderQueue,
    private readonly mailDelivery: MailDelivery,
    private readonly queueLoss: QueueLossWatcher,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.demoMode) {
      // under the migrations' lock: a second process starting at the same time finds it seeded
      await withSchemaLock(this.dataSource, async () => {
        await this.directory.seedDemoIfEmpty();
        await this.auth.seedDemoUsersIfEmpty();
        await this.seedReferenceDraftIfEmpty();
      });
    }
    if (this.config.role !== 'api') {
      await this.queues.startWorkers();
      this.reminderTimers.start();
      this.mailDelivery.startSweeping();
      // PostgreSQL is the source of truth: a Redis that lost its queues is refilled from it at once
      this.queueLoss.onQueuesLost('reminders', async () => {
        await this.reminderQueue.reconcile();
        await this.reminderQueue.sweepDue({ graceMs: 0 });
      });
      this.queueLoss.onQueuesLost('mail', () => this.mailDelivery.sweep({ graceSeconds: 0 }));
      this.queueLoss.start();
      this.log.log(`workers started on the ${this.queues.connection.backend} queue backend`);
    } else {
      this.queues.discoverHandlers();
    }
    this.outbox.startSweeping();
  }

  /** Demo mode: the reference 二次征求意见稿 (from the real letter) is there to try a round on. */
  private async seedReferenceDraftIfEmpty(): Promise<void> {
    const [{ n }] = await this.dataSource.query(`SELECT count(*)::int AS n FROM policy`);
    if (n > 0) return;
    const text = await readFile(join(__dirname, 'demo', 'beautiful-towns-round2-letter.txt'), 'utf8');
    const admin = await this.dataSource.query(`SELECT id FROM app_user WHERE username = 'admin'`);
    const actor = { userId: admin[0]?.id ?? null, username: 'admin', displayName: '演示', role: 'office_admin' as const, unitId: null, parentUnitId: null };
    const r = await this.drafting.importDraft(actor, { text });
    this.log.log(`demo draft loaded: ${r.title} (${r.clauseCount} clauses)`);
  }
}
