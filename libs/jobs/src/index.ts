export * from './job-names';
export * from './job-handler';
export * from './queue-connection';
export * from './queue.service';
export * from './outbox.service';
export * from './unit-of-work';
export * from './jobs.module';
export * from './coalescing-run';
