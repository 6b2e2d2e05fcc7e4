// Unpacks one layer's tar entries into a fresh, empty, private directory, safely (DESIGN §5), in overlay form
// (`.wh.NAME` → 0:0 char device, `DIR/.wh..wh..opq` → opaque xattr). Parents resolve only through the in-memory
// record (apply-tree.ts), so the OS never follows a symlink. Syscalls are synchronous, as in GNU tar; bodies stream
// to the fd. Device nodes and whiteouts need root (mknod), and so does the default trusted.* opaque xattr.

import {
  chmodSync,
  closeSync,
  constants,
  fchmodSync,
  fchownSync,
  futimesSync,
  lchownSync,
  linkSync,
  lstatSync,
  lutimesSync,
  mkdirSync,
  openSync,
  readdirSync,
  rmSync,
  symlinkSync,
  unlinkSync,
  utimesSync,
} from 'node:fs';
import { resolve } from 'node:path';
import type { TarEntry, TarHeader } from '../archive/tar/entry.js';
import { BerthError } from '../errors.js';
import { mknodAll, mkWhiteout, type NodeSpec } from '../sys/mknod.js';
import { lsetxattr } from '../sys/xattr.js';
import {
  invalidEntry,
  lookup,
  newDir,
  resolveParent,
  splitEntryName,
  walk,
  type DirNode,
  type Meta,
  type TreeNode,
} from './apply-tree.js';
import { classifyWhiteout, WHITEOUT_META_PREFIX, WHITEOUT_PREFIX } from './whiteout.js';
import { writeBody } from './write-body.js';
import { layerMaySetXattr } from './xattr-policy.js';

export interface ApplyOptions {
  /** Give entries the tar's uid/gid (default: when running as root). */
  chown?: boolean;
  /** Also tolerate ENOTSUP when setting xattrs (EPERM is always tolerated, as in moby); both become warnings. */
  bestEffortXattrs?: boolean;
  /** The xattr that marks an opaque directory (`user.overlay.opaque` for userxattr mounts). */
  opaqueXattr?: string;
}

export interface ApplyResult {
  /** FORMATS.md "Sizes": lstat sizes of non-directories, each inode once; whiteouts 0, symlinks their target. */
  size: number;
  /** Tar entries read. */
  entries: number;
  /** Parents the tar did not list, made 0755 root:root, parents before children: fix up from lower layers. */
  implicitDirs: string[];
  /** Xattrs not applied, one line each (at most 100). */
  warnings: string[];
}

const O_NEW_FILE = constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL | constants.O_NOFOLLOW;
const MAX_WARNINGS = 100;

const metaOf = (e: TarHeader): Meta => ({ mode: e.mode & 0o7777, uid: e.uid, gid: e.gid, mtime: e.mtime });

class Extractor {
  readonly root: DirNode = newDir('', false);
  readonly warnings: string[] = [];
  private readonly chown: boolean;
  private readonly euid: number;
  private readonly egid: number;
  private readonly opaqueXattr: string;

  constructor(
    private readonly dir: string,
    private readonly opts: ApplyOptions,
  ) {
    this.chown = opts.chown ?? process.getuid?.() === 0;
    this.euid = process.geteuid?.() ?? -1;
    this.egid = process.getegid?.() ?? -1;
    this.opaqueXattr = opts.opaqueXattr ?? 'trusted.overlay.opaque';
  }

  private abs(path: string): string {
    return path === '' ? this.dir : `${this.dir}/${path}`;
  }

  /**
   * Whether an entry made just now needs a chown: not when it already has that owner (our euid/egid; while the
   * layer unpacks, no directory has its setgid bit yet, so new entries take our egid). Saves a syscall per file.
   */
  private needsChown(uid: number, gid: number): boolean {
    return this.chown && (uid !== this.euid || gid !== this.egid);
  }

  private readonly mkdirImplicit = (path: string): void => {
    const abs = this.abs(path);
    mkdirSync(abs, 0o755);
    if (this.needsChown(0, 0)) lchownSync(abs, 0, 0);
  };

  private warn(line: string): void {
    if (this.warnings.length < MAX_WARNINGS) this.warnings.push(line);
  }

  /** Applies one entry; returns a promise only while a file body is being written. */
  add(e: TarEntry): Promise<void> | undefined {
    const parts = splitEntryName(e.name);
    if (parts.length === 0) {
      if (e.type !== 'directory') throw invalidEntry(e.name, 'the layer root can only be a directory');
      this.dirMeta(this.root, e);
      return;
    }
    const last = parts.length - 1;
    for (let i = 0; i < last; i++) {
      if (!parts[i].startsWith(WHITEOUT_PREFIX)) continue;
      if (parts[i].startsWith(WHITEOUT_META_PREFIX)) return;
      throw invalidEntry(e.name, 'a whiteout name cannot be a parent directory');
    }
    const wh = classifyWhiteout(parts[last]);
    if (wh.kind === 'meta') return;
    if (wh.kind === 'invalid') throw invalidEntry(e.name, 'invalid whiteout name');
    const parent = resolveParent(this.root, parts, last, e.name, this.mkdirImplicit);
    if (wh.kind === 'opaque') {
      lsetxattr(this.abs(parent.path), this.opaqueXattr, 'y');
      return;
    }
    const name = wh.kind === 'whiteout' ? wh.target : parts[last];
    const path = parent.path === '' ? name : `${parent.path}/${name}`;
    if (wh.kind === 'whiteout') {
      this.clear(parent, name, false);
      parent.children.set(name, { kind: 'whiteout', path, pending: true });
      return;
    }
    switch (e.type) {
      case 'file':
        return this.file(parent, name, path, e);
      case 'directory':
        this.directory(parent, name, path, e);
        return;
      case 'link':
        this.hardlink(parent, name, path, e);
        return;
      case 'symlink':
        this.symlink(parent, name, path, e);
        return;
      case 'char':
      case 'block':
      case 'fifo':
        this.clear(parent, name, false);
        parent.children.set(name, {
          kind: 'device',
          path,
          pending: true,
          type: e.type,
          major: e.devmajor,
          minor: e.devminor,
          meta: metaOf(e),
          xattrs: e.xattrs,
        });
        return;
      default:
        throw invalidEntry(e.name, `unsupported entry type ${JSON.stringify(e.type)}`);
    }
  }

  /** Makes room for a new entry at parent/name (a later entry replaces an earlier one, as tar does). */
  private clear(parent: DirNode, name: string, keepDir: boolean): DirNode | null {
    const old = parent.children.get(name);
    if (old === undefined) return null;
    if (keepDir && old.kind === 'dir') return old;
    parent.children.delete(name);
    if (old.kind === 'dir') rmSync(this.abs(old.path), { recursive: true, force: true });
    else if (old.kind !== 'device' && old.kind !== 'whiteout') unlinkSync(this.abs(old.path));
    return null;
  }

  private file(parent: DirNode, name: string, path: string, e: TarEntry): Promise<void> | undefined {
    this.clear(parent, name, false);
    const abs = this.abs(path);
    const fd = openSync(abs, O_NEW_FILE, 0o600);
    const inode = { size: 0 };
    parent.children.set(name, { kind: 'file', path, inode });
    if (e.size === 0) {
      this.closeFile(fd, abs, e);
      return;
    }
    return writeBody(e.body, fd).then(
      (n) => {
        inode.size = n;
        this.closeFile(fd, abs, e);
      },
      (err: unknown) => {
        closeSync(fd);
        throw err;
      },
    );
  }

  /** Owner before mode (chown clears setuid), xattrs after both (chown and writes clear security.capability). */
  private closeFile(fd: number, abs: string, e: TarHeader): void {
    try {
      if (this.needsChown(e.uid, e.gid)) fchownSync(fd, e.uid, e.gid);
      fchmodSync(fd, e.mode & 0o7777);
      this.xattrs(abs, e.name, e.xattrs);
      futimesSync(fd, e.mtime, e.mtime);
    } finally {
      closeSync(fd);
    }
  }

  private directory(parent: DirNode, name: string, path: string, e: TarHeader): void {
    let node = this.clear(parent, name, true);
    if (node === null) {
      mkdirSync(this.abs(path), 0o700);
      node = newDir(path, false);
      parent.children.set(name, node);
    }
    this.dirMeta(node, e);
  }

  /** Owner and xattrs now; mode and mtime in finish(), after the children are written. */
  private dirMeta(node: DirNode, e: TarHeader): void {
    const abs = this.abs(node.path);
    node.implicit = false;
    node.meta = metaOf(e);
    // Always: a directory may be declared again (or made implicitly before) with another owner.
    if (this.chown) lchownSync(abs, e.uid, e.gid);
    this.xattrs(abs, e.name, e.xattrs);
  }

  /** A hardlink may only name a regular file this layer already wrote; its own header metadata is ignored. */
  private hardlink(parent: DirNode, name: string, path: string, e: TarHeader): void {
    const tparts = splitEntryName(e.linkname, 'hardlink target', e.name);
    const find = () => {
      const t = lookup(this.root, tparts);
      if (t?.kind !== 'file') {
        throw invalidEntry(e.name, `hardlink target ${JSON.stringify(e.linkname)} is not a regular file written earlier in this layer`);
      }
      return t;
    };
    if (parent.children.get(name) === find()) return;
    this.clear(parent, name, false);
    const target = find();
    linkSync(this.abs(target.path), this.abs(path));
    parent.children.set(name, { kind: 'file', path, inode: target.inode });
  }

  /** Any target is allowed: it is read inside the container at run time; the extractor never follows it. */
  private symlink(parent: DirNode, name: string, path: string, e: TarHeader): void {
    if (e.linkname === '') throw invalidEntry(e.name, 'empty symlink target');
    if (e.linkname.includes('\0')) throw invalidEntry(e.name, 'symlink target contains a NUL byte');
    this.clear(parent, name, false);
    const abs = this.abs(path);
    symlinkSync(e.linkname, abs);
    parent.children.set(name, { kind: 'symlink', path, size: Buffer.byteLength(e.linkname) });
    if (this.needsChown(e.uid, e.gid)) lchownSync(abs, e.uid, e.gid);
    this.xattrs(abs, e.name, e.xattrs);
    lutimesSync(abs, e.mtime, e.mtime);
  }

  private xattrs(abs: string, entry: string, xattrs: Map<string, Buffer>): void {
    if (xattrs.size === 0) return;
    for (const [name, value] of xattrs) {
      if (!layerMaySetXattr(name)) {
        this.warn(`${entry}: xattr ${name} not applied: not allowed in a layer`);
        continue;
      }
      try {
        lsetxattr(abs, name, value);
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        if (code !== 'EPERM' && !(code === 'ENOTSUP' && this.opts.bestEffortXattrs)) throw err;
        this.warn(`${entry}: xattr ${name} not applied: ${code}`);
      }
    }
  }

  /** Device nodes and whiteouts (one mknod batch), then directory modes and mtimes; returns size and implicit dirs. */
  async finish(): Promise<{ size: number; implicitDirs: string[] }> {
    const dirs: DirNode[] = [];
    const devices: Extract<TreeNode, { kind: 'device' }>[] = [];
    const whiteouts: string[] = [];
    const inodes = new Set<object>();
    const implicitDirs: string[] = [];
    let size = 0;
    for (const n of walk(this.root)) {
      if (n.kind === 'dir') {
        dirs.push(n);
        if (n.implicit) implicitDirs.push(n.path);
      } else if (n.kind === 'file') {
        if (!inodes.has(n.inode)) {
          inodes.add(n.inode);
          size += n.inode.size;
        }
      } else if (n.kind === 'symlink') size += n.size;
      else if (n.kind === 'device') devices.push(n);
      else whiteouts.push(this.abs(n.path));
    }
    await this.makeNodes(devices, whiteouts);
    for (const d of dirs) {
      const abs = this.abs(d.path);
      if (d.meta) {
        chmodSync(abs, d.meta.mode);
        utimesSync(abs, d.meta.mtime, d.meta.mtime);
      } else if (d.implicit) chmodSync(abs, 0o755);
    }
    return { size, implicitDirs };
  }

  /**
   * Whiteouts are hardlinks of one 0:0 device (overlayfs looks only at type and rdev): one mknod per layer instead
   * of one process per whiteout. They share one inode (root:root, mode 000).
   */
  private async makeNodes(devices: Extract<TreeNode, { kind: 'device' }>[], whiteouts: string[]): Promise<void> {
    const specs: NodeSpec[] = devices.map((d) => ({
      path: this.abs(d.path),
      type: d.type,
      mode: d.meta.mode & 0o777,
      major: d.major,
      minor: d.minor,
    }));
    if (whiteouts.length > 0) specs.push({ path: whiteouts[0], type: 'char', mode: 0, major: 0, minor: 0 });
    if (specs.length > 0) await mknodAll(specs);
    let template = whiteouts[0];
    for (let i = 1; i < whiteouts.length; i++) {
      try {
        linkSync(template, whiteouts[i]);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EMLINK') throw err;
        await mkWhiteout(whiteouts[i]);
        template = whiteouts[i];
      }
    }
    for (const d of devices) {
      const abs = this.abs(d.path);
      if (this.needsChown(d.meta.uid, d.meta.gid)) lchownSync(abs, d.meta.uid, d.meta.gid);
      chmodSync(abs, d.meta.mode);
      this.xattrs(abs, d.path, d.xattrs);
      lutimesSync(abs, d.meta.mtime, d.meta.mtime);
    }
  }
}

function wrapError(entry: string | null, err: unknown): unknown {
  if (err instanceof BerthError) return err;
  const e = err as NodeJS.ErrnoException;
  const what = entry === null ? 'unpack layer' : `unpack ${JSON.stringify(entry)}`;
  if (entry !== null && (e.code === 'ENAMETOOLONG' || e.code === 'EINVAL')) {
    return new BerthError('INVALID_ARGUMENT', `invalid tar entry ${JSON.stringify(entry)}: ${e.message}`, { cause: err });
  }
  if (typeof e.code === 'string') {
    return new BerthError('FAILED_PRECONDITION', `${what}: ${e.message}`, { cause: err });
  }
  return err;
}

function isEmptyDir(path: string): boolean {
  try {
    return lstatSync(path).isDirectory() && readdirSync(path).length === 0;
  } catch {
    return false;
  }
}

/**
 * Unpacks `entries` into `dir`, which must be an existing, empty directory that nothing else writes to. On failure
 * `dir` holds a partial tree: the caller discards it.
 */
export async function applyLayer(
  entries: AsyncIterable<TarEntry>,
  dir: string,
  opts: ApplyOptions = {},
): Promise<ApplyResult> {
  const root = resolve(dir);
  if (!isEmptyDir(root)) {
    throw new BerthError('FAILED_PRECONDITION', `unpack layer: ${root} is not an empty directory`);
  }
  const x = new Extractor(root, opts);
  let count = 0;
  for await (const e of entries) {
    count++;
    try {
      const pending = x.add(e);
      if (pending) await pending;
    } catch (err) {
      throw wrapError(e.name, err);
    }
  }
  const { size, implicitDirs } = await x.finish().catch((err: unknown) => {
    throw wrapError(null, err);
  });
  return { size, entries: count, implicitDirs, warnings: x.warnings };
}
