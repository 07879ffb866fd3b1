/**
 * setupFilesAfterEnv: after each test file's own afterAll hooks, close whatever startTestApp or
 * launchBrowser opened and the file did not close (a beforeAll that failed half-way, an afterAll that
 * threw). Without it jest waits forever on the open sockets.
 */
afterAll(async () => {
  const open = (globalThis as { __zqCloseOnExit?: Set<() => Promise<void>> }).__zqCloseOnExit;
  if (!open?.size) return;
  for (const close of [...open]) await close().catch(() => undefined);
  open.clear();
});
