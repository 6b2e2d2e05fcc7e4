// Containers on disk: <root>/containers/<id>/ holds config.json (the record), state.json (written from the first
// start on; a container without one reads as created), the bundle, the hostname/hosts/resolv.conf files and the
// json-file log; <root>/containers/names/<name> reserves a name (created with O_EXCL, so two creates can't take one
// name without any store-wide lock). What lasts only while the machine runs (the OCI runtime's state, the pid files
// it writes) is in the store's exec root on /run (see execRootOf).

import { readdir, readFile, unlink } from 'node:fs/promises';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { joinPath } from '../sys/join-path.js';
import { BerthError } from '../errors.js';
import { replaceFileSync, writeFileAtomicOverlapped, writeFileAtomicSync, type OverlappedWrite } from '../content/atomic-file.js';
import { initialState, type Container, type ContainerRecord, type ContainerState } from './record.js';
import { isAlive } from './liveness.js';
import { nowRFC3339Nano } from './time.js';
import { readTextOrNull } from '../sys/read-text.js';
import { removeFileSync, removeLaidOutTree } from '../sys/remove-tree.js';
import { RUNTIMES } from './runtime/names.js';

const ID_RE = /^[0-9a-f]{64}$/;
const REMOVED_KEPT_MS = 10 * 60 * 1000;

/**
 * The store's exec root (Docker's --exec-root, podman's runroot): /run/berth/<device>-<inode of the store root>,
 * one per store however its path is spelt, on the tmpfs that /run is. The runtime's state and its pid files are
 * worthless after a reboot, which empties it, and are written on the way to every start: runc writes the pid file
 * with O_SYNC, a synchronous write and flush on a disk (~2-3 ms of every run on this VM's ext4) that costs nothing
 * on tmpfs. Without a /run, under the store (<root>/runtime, where berth kept them before).
 */
export function execRootOf(root: string, run = '/run'): string {
  try {
    if (statSync(run).isDirectory()) {
      const st = statSync(root);
      return joinPath(run, 'berth', `${st.dev.toString(16)}-${st.ino.toString(16)}`);
    }
  } catch {
    // no /run (or no store yet): under the store
  }
  return joinPath(root, 'runtime');
}

export class ContainerStore {
  readonly dir: string;
  readonly namesDir: string;

  private execRootPath: string | undefined;

  /** `execRoot`: for tests, somewhere other than /run. */
  constructor(
    readonly root: string,
    execRoot?: string,
  ) {
    this.dir = joinPath(root, 'containers');
    this.namesDir = joinPath(this.dir, 'names');
    this.execRootPath = execRoot;
  }

  /** Where this store keeps what lasts only while the machine runs (execRootOf). */
  get execRoot(): string {
    return (this.execRootPath ??= execRootOf(this.root));
  }

  /** Where the exit codes of containers `--rm` removed stay for a while (see recordRemoved). */
  private get removedDir(): string {
    return joinPath(this.dir, 'removed');
  }

  /**
   * Notes the exit code of a container that is about to be removed by `--rm`, for a `wait` that comes a moment too
   * late to find it (Docker's daemon removes it a little after the exit, so its `wait` still gets the code). Kept ten
   * minutes; written by rename, no sync (it is only a courtesy).
   */
  recordRemoved(id: string, name: string, exitCode: number): void {
    const dir = this.removedDir;
    mkdirSync(dir, { recursive: true, mode: 0o710 });
    const now = Date.now();
    for (const n of readdirSync(dir)) {
      const at = statSync(joinPath(dir, n), { throwIfNoEntry: false })?.mtimeMs ?? 0;
      if (now - at > REMOVED_KEPT_MS) rmSync(joinPath(dir, n), { force: true });
    }
    replaceFileSync(joinPath(dir, id), JSON.stringify({ id, name, exitCode }));
  }

  /** The exit code recordRemoved kept for a container named `nameOrID` (its name, ID or an ID prefix), or null. */
  removedExitCode(nameOrID: string): number | null {
    let names: string[];
    try {
      names = readdirSync(this.removedDir).filter((n) => ID_RE.test(n));
    } catch {
      return null;
    }
    const byID = names.filter((n) => n.startsWith(nameOrID));
    for (const n of byID.length === 1 ? byID : names) {
      try {
        const r = JSON.parse(readFileSync(joinPath(this.removedDir, n), 'utf8')) as { id: string; name: string; exitCode: number };
        if (r.id === n && (byID.length === 1 || r.name === nameOrID) && Number.isInteger(r.exitCode)) return r.exitCode;
      } catch {
        // being replaced, or damaged: not known
      }
    }
    return null;
  }

  init(): void {
    mkdirSync(this.namesDir, { recursive: true, mode: 0o710 });
  }

  home(id: string): string {
    return joinPath(this.dir, id);
  }
  recordPath(id: string): string {
    return joinPath(this.dir, id, 'config.json');
  }
  statePath(id: string): string {
    return joinPath(this.dir, id, 'state.json');
  }
  bundle(id: string): string {
    return joinPath(this.dir, id, 'bundle');
  }
  logPath(id: string): string {
    return joinPath(this.dir, id, `${id}-json.log`);
  }
  file(id: string, name: 'hostname' | 'hosts' | 'resolv.conf'): string {
    return joinPath(this.dir, id, name);
  }
  /** Where the OCI runtimes keep their state (runc --root is <this>/runc): per store, never shared. */
  get runtimeRoot(): string {
    return joinPath(this.execRoot, 'runtime');
  }

  /**
   * The runtime state root of container `id`: runtimeRoot, or <root>/runtime where a berth from before the exec root
   * started it (and its runtime still keeps it there).
   */
  runtimeRootOf(id: string): string {
    const legacy = joinPath(this.root, 'runtime');
    return RUNTIMES.some((r) => existsSync(joinPath(legacy, r, id))) ? legacy : this.runtimeRoot;
  }

  /** Where the runtime writes the pid of the container's init (in a directory of the container's own). */
  pidFile(id: string): string {
    return joinPath(this.execRoot, 'containers', id, 'init.pid');
  }

  /** IDs of every container with a complete record. */
  async ids(): Promise<string[]> {
    const names = await readdir(this.dir).catch(() => [] as string[]);
    return names.filter((n) => ID_RE.test(n));
  }

  /** The container's record; null when it has none, or one a crash left damaged (see writeRecord). */
  async getRecord(id: string): Promise<ContainerRecord | null> {
    try {
      return JSON.parse(await readFile(this.recordPath(id), 'utf8')) as ContainerRecord;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT' || e instanceof SyntaxError) return null;
      throw e;
    }
  }

  /** The state as recorded, corrected by what the kernel says: a dead recorded process means exited. */
  /** The state file as written (null: none yet, or unreadable). */
  private readStateFile(id: string): ContainerState | null {
    try {
      return JSON.parse(readFileSync(this.statePath(id), 'utf8')) as ContainerState;
    } catch {
      return null;
    }
  }

  readState(id: string): ContainerState {
    const st = this.readStateFile(id);
    if (!st) return initialState();
    // A process that ended while its monitor lives is about to be recorded by it; one that ended while nothing
    // watched it (the monitor was killed, the machine restarted) is reported as exited, its status unknown (255).
    if (st.status === 'running' && !isAlive(st.pid, st.pidStart) && !(st.monitorPid && isAlive(st.monitorPid))) {
      const seen: ContainerState = { ...st, status: 'exited', paused: false, pid: 0, exitCode: 255, finishedAt: nowRFC3339Nano(), monitorPid: undefined, unobserved: true };
      // Record it once, so the time it was found stopped stays put (best effort: a read-only store still answers).
      try {
        this.writeStateFile(id, seen);
      } catch {
        // Not ours to write.
      }
      return seen;
    }
    return st;
  }

  /** Whether `restart` is stopping the container to start it again (ContainerState.restarting, read as written). */
  restarting(id: string): boolean {
    return this.readStateFile(id)?.restarting === true;
  }

  async get(id: string): Promise<Container | null> {
    const rec = await this.getRecord(id);
    return rec ? { ...rec, state: this.readState(id) } : null;
  }

  async list(): Promise<Container[]> {
    const out: Container[] = [];
    for (const id of await this.ids()) {
      const c = await this.get(id);
      if (c) out.push(c);
    }
    return out;
  }

  /** Whether the container's record is still there (synchronous, for watchers). */
  exists(id: string): boolean {
    return existsSync(this.recordPath(id));
  }

  // Records, state and names are a few hundred bytes written on the way to every container start: on this thread,
  // as a trip through the thread pool costs more than the write.

  // A container that removes itself when it ends (`--rm`) is worthless after a crash of the machine, which ends it
  // (Docker's daemon removes such containers when it starts again): its record is replaced whole but not synced,
  // off a start's critical path (~1.4 ms here). A record such a crash leaves damaged reads as no container.

  async writeRecord(rec: ContainerRecord): Promise<void> {
    if (rec.host.autoRemove) replaceFileSync(this.recordPath(rec.id), JSON.stringify(rec));
    else writeFileAtomicSync(this.recordPath(rec.id), JSON.stringify(rec));
  }

  /** writeRecord with its fsyncs on the thread pool while this thread goes on (content/atomic-file.ts). */
  writeRecordOverlapped(rec: ContainerRecord): OverlappedWrite {
    if (!rec.host.autoRemove) return writeFileAtomicOverlapped(this.recordPath(rec.id), JSON.stringify(rec));
    replaceFileSync(this.recordPath(rec.id), JSON.stringify(rec));
    const done = Promise.resolve();
    return { placed: done, durable: done };
  }

  /** State changes are frequent and worthless after a crash (liveness is rechecked), so no fsync: tmp + rename. */
  async writeState(id: string, st: ContainerState): Promise<void> {
    this.writeStateFile(id, st);
  }

  private writeStateFile(id: string, st: ContainerState): void {
    replaceFileSync(this.statePath(id), JSON.stringify(st));
  }

  async updateState(id: string, fn: (st: ContainerState) => ContainerState): Promise<ContainerState> {
    const next = fn(this.readState(id));
    await this.writeState(id, next);
    return next;
  }

  /** The container that holds `name`, if any (a reservation whose container is gone doesn't count). */
  async nameOwner(name: string): Promise<string | null> {
    const id = (await readFile(joinPath(this.namesDir, name), 'utf8').catch(() => '')).trim();
    if (!id) return null;
    return (await this.getRecord(id)) ? id : null;
  }

  /**
   * Takes `name` for container `id`. Fails with Docker's conflict error if a live container holds it; a stale
   * reservation (its container gone after a crash) is replaced.
   */
  async reserveName(name: string, id: string): Promise<void> {
    const path = joinPath(this.namesDir, name);
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        writeFileSync(path, id, { flag: 'wx', mode: 0o644 });
        return;
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      }
      const owner = (await readFile(path, 'utf8').catch(() => '')).trim();
      if (owner && (await this.getRecord(owner))) throw nameConflict(name, owner);
      if (owner === '' && attempt === 0) {
        // Another create is between open and write: give it a moment before calling the name stale.
        await new Promise((r) => setTimeout(r, 20));
        continue;
      }
      await unlink(path).catch(() => {});
    }
    throw nameConflict(name, (await readFile(path, 'utf8').catch(() => '')).trim());
  }

  async releaseName(name: string, id: string): Promise<void> {
    const path = joinPath(this.namesDir, name);
    if (readTextOrNull(path)?.trim() === id) removeFileSync(path);
  }

  /** Deletes the container's directory (record first, so a half-removed container is not listed). */
  async removeFiles(id: string): Promise<void> {
    removeFileSync(this.recordPath(id));
    // what create and start put there by name (anything else, exec's files say, is found and removed too)
    removeLaidOutTree(this.home(id), {
      'state.json': null,
      hostname: null,
      hosts: null,
      'resolv.conf': null,
      [`${id}-json.log`]: null,
      bundle: { 'config.json': null, 'runtime.log': null, rootfs: {} },
    });
    removeLaidOutTree(joinPath(this.execRoot, 'containers', id), { 'init.pid': null });
  }
}

export function nameConflict(name: string, owner: string): BerthError {
  return new BerthError(
    'CONFLICT',
    `Conflict. The container name "/${name}" is already in use by container "${owner}". You have to remove (or rename) that container to be able to reuse that name.`,
  );
}
