import { SetMetadata } from '@nestjs/common';
import type { JobName } from './job-names';

export const JOB_HANDLER = Symbol('JOB_HANDLER');

/** What a handler reports: done, or skipped because the work is no longer due. */
export type JobOutcome =
  | { status: 'done'; detail?: string }
  | { status: 'skipped'; reason: string }
  /** run this same job again at `until` (epoch ms) without counting an attempt: a paused transport, a live lease */
  | { status: 'deferred'; until: number; reason: string };

export interface JobHandler<P = Record<string, unknown>> {
  handle(payload: P, meta: { jobId: string; attempt: number }): Promise<JobOutcome>;
}

/** Marks a provider as the one handler of a job name (checked at boot: exactly one each). */
export const HandlesJob = (name: JobName) => SetMetadata(JOB_HANDLER, name);
