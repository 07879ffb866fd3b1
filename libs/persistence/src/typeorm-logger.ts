import { Logger as NestLogger } from '@nestjs/common';
import type { Logger as TypeOrmLogger } from 'typeorm';

/** TypeORM's messages through the structured logger (not console.log); a refused query is a warning. */
export class StructuredTypeOrmLogger implements TypeOrmLogger {
  private readonly logger = new NestLogger('SQL');
  logQuery(): void {}
  logQueryError(error: string | Error, query: string): void {
    this.logger.warn({ err: typeof error === 'string' ? error : error.message, query: query.slice(0, 500) }, 'query failed');
  }
  logQuerySlow(time: number, query: string): void {
    this.logger.warn({ ms: time, query: query.slice(0, 500) }, 'slow query');
  }
  logSchemaBuild(): void {}
  logMigration(message: string): void {
    this.logger.log(message);
  }
  log(level: 'log' | 'info' | 'warn', message: unknown): void {
    if (level === 'warn') this.logger.warn(String(message));
  }
}
