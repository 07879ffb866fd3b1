import { DynamicModule, Global, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { OutboxService } from './outbox.service';
import type { QueueConnection } from './queue-connection';
import { QUEUE_CONNECTION, QueueService } from './queue.service';
import { QueueLossWatcher } from './queue-loss-watcher';
import { UnitOfWork } from './unit-of-work';

@Global()
@Module({})
export class JobsModule {
  static forRoot(connection: QueueConnection): DynamicModule {
    return {
      module: JobsModule,
      imports: [DiscoveryModule],
      providers: [{ provide: QUEUE_CONNECTION, useValue: connection }, QueueService, OutboxService, UnitOfWork, QueueLossWatcher],
      exports: [QueueService, OutboxService, UnitOfWork, QueueLossWatcher],
    };
  }
}
