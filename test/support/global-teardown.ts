import { rm } from 'node:fs/promises';

/** Stops the embedded PostgreSQL global-setup started (if it did) and removes its files. */
export default async function globalTeardown(): Promise<void> {
  const embedded = (globalThis as { __zqEmbedded?: { stop(): Promise<void>; dir: string } }).__zqEmbedded;
  if (!embedded) return;
  await embedded.stop().catch(() => undefined);
  await rm(embedded.dir, { recursive: true, force: true });
}
