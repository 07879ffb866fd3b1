import { DynamicModule, Module } from '@nestjs/common';
import { Runtime, RuntimeModule } from '@zq/runtime';

/** The worker process: the same composition as the API, without HTTP. */
@Module({})
export class WorkerModule {
  static forRoot(runtime: Runtime): DynamicModule {
    return { module: WorkerModule, imports: [RuntimeModule.forRoot(runtime)] };
  }
}
