// The process's stdout and stderr, made only when something writes to them, and the exit once what was written is
// out. Node makes process.stdout/stderr on first access, and for a pipe each costs ~1.5 ms (a net.Socket and the net
// module behind it): `run --rm IMAGE true` writes nothing and need not pay for them. watchStdio() learns which streams
// exist by wrapping the two getters (and gives each its handler the moment it is made); exitWhenFlushed() ends the
// process as soon as those streams have drained, without the ~2 ms of V8 heap and isolate teardown that a natural
// end of the event loop costs. Output to a pipe is asynchronous once the pipe is full: an exit before 'drain' would
// cut it short.

type StdioName = 'stdout' | 'stderr';

const made = new Map<StdioName, NodeJS.WriteStream>();
let watching = false;

/**
 * Calls `onCreate[name]` with each of process.stdout/stderr when it is first made (or now, if it was already). Once
 * per process: a later call changes nothing.
 */
export function watchStdio(onCreate: Partial<Record<StdioName, (s: NodeJS.WriteStream) => void>> = {}): void {
  if (watching) return;
  watching = true;
  for (const name of ['stdout', 'stderr'] as const) {
    const d = Object.getOwnPropertyDescriptor(process, name);
    const note = (s: NodeJS.WriteStream) => {
      if (made.has(name)) return;
      made.set(name, s);
      onCreate[name]?.(s);
    };
    if (!d?.get || !d.configurable) {
      note(process[name]);
      continue;
    }
    const get = d.get;
    Object.defineProperty(process, name, {
      configurable: true,
      enumerable: d.enumerable,
      get() {
        // node's getter makes the stream once and returns the same one after
        const s = get.call(process) as NodeJS.WriteStream;
        note(s);
        return s;
      },
    });
  }
}

/** Whether process.stdout or process.stderr has been made (for tests). */
export function stdioMade(name: StdioName): boolean {
  return made.has(name);
}

/**
 * Exits with process.exitCode once every stream watchStdio saw made has written out what it holds, or was closed (a
 * write error destroys the stream; no 'error' listener here, so stdout's EPIPE rule in main.ts still decides).
 */
export function exitWhenFlushed(): void {
  const pending = [...made.values()].filter((s) => s.writableLength > 0 && !s.destroyed);
  let left = pending.length;
  if (left === 0) process.exit();
  for (const s of pending) {
    let counted = false;
    const done = () => {
      if (counted) return;
      counted = true;
      if (--left === 0) process.exit();
    };
    s.once('drain', done);
    s.once('close', done);
  }
}
