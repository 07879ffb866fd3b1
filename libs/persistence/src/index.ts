export * from './app-config';
export * from './embedded-database';
export * from './data-source-options';
export * from './snake-naming.strategy';
export * from './outbox.entity';
export * from './audit-event.entity';
export * from './audit-log';
export * from './typeorm-logger';
