// A test-only hook for crash-safety tests: with BERTH_TEST_CRASH_AT=<name> in the environment, the process kills
// itself with SIGKILL when it reaches the point of that name, as a power cut or `kill -9` would stop it. Points:
// blob-committed, layer-committed, image-written, tags-written, commit-done, image-removed (see the callers).
// Unset, it does nothing.

export function crashPoint(name: string): void {
  if (process.env.BERTH_TEST_CRASH_AT === name) process.kill(process.pid, 'SIGKILL');
}
