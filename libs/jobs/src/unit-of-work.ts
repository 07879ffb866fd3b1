import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { OutboxService } from './outbox.service';

/** One transaction per use case; queued work is handed to BullMQ only after it commits. */
@Injectable()
export class UnitOfWork {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxService,
  ) {}

  async run<T>(work: (em: EntityManager) => Promise<T>): Promise<T> {
    const result = await this.dataSource.transaction(work) // READ COMMITTED, PostgreSQL's default;
    void this.outbox.kick();
    return result;
  }
}
