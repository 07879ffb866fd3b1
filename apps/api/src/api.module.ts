import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { TerminusModule } from '@nestjs/terminus';
import { ThrottlerGuard, ThrottlerModule } from '@nestjs/throttler';
import { SlidingWindowThrottlerStorage } from './http/throttler-storage';
import { Clock } from '@zq/common';
import { Runtime, RuntimeModule } from '@zq/runtime';
import { AuthController } from './controllers/auth.controller';
import { HealthController, QueueBoardSessionController } from './controllers/health.controller';
import { UnitsController } from './controllers/units.controller';
import { adoptionControllers } from './controllers/adoption';
import { consultationControllers } from './controllers/consultation';
import { draftingControllers } from './controllers/drafting';
import { feedbackControllers } from './controllers/feedback';
import { remindersControllers } from './controllers/reminders';
import { AuthGuard } from './http/auth.guard';
import { DomainErrorFilter } from './http/domain-error.filter';

/** Every HTTP controller: ApiModule serves them, the OpenAPI contract (apps/api/src/openapi) describes them. */
export const apiControllers: Function[] = [
  HealthController,
  QueueBoardSessionController,
  AuthController,
  UnitsController,
  ...draftingControllers,
  ...consultationControllers,
  ...remindersControllers,
  ...feedbackControllers,
  ...adoptionControllers,
];

@Module({})
export class ApiModule {
  static forRoot(runtime: Runtime, opts: { clock?: Clock } = {}): DynamicModule {
    return {
      module: ApiModule,
      imports: [
        RuntimeModule.forRoot(runtime, opts),
        TerminusModule,
        // generous: a whole office behind one NAT shares an address
        ThrottlerModule.forRoot({
          throttlers: [{ name: 'default', ttl: 60_000, limit: runtime.config.throttlePerMinute }],
          storage: new SlidingWindowThrottlerStorage(),
        }),
      ],
      controllers: apiControllers as never[],
      providers: [
        { provide: APP_FILTER, useClass: DomainErrorFilter },
        { provide: APP_GUARD, useClass: ThrottlerGuard },
        { provide: APP_GUARD, useClass: AuthGuard },
      ],
    };
  }
}
