// Docker's init layer (moby daemon/initlayer/setup_unix.go), written as a small overlay-form layer directory that
// sits between the image and the writable layer: mount points and placeholder files the runtime and the container
// engine mount over. A placeholder file or link replaces whatever non-directory the image has at its path (Docker
// unlinks it first); a directory the image has is left alone. Parent directories copy the image's mode and owner
// (as an overlay copy-up would) or are made 0755 root:root.

import { chmodSync, chownSync, mkdirSync, symlinkSync, writeFileSync, type Stats } from 'node:fs';
import { lookup, rootView, type DirView } from '../layer/lower-view.js';

type Kind = 'dir' | 'file' | { link: string };

/** The entries, in moby's list (its map order is random; this order is fixed). */
const ENTRIES: [string, Kind][] = [
  ['dev/pts', 'dir'],
  ['dev/shm', 'dir'],
  ['proc', 'dir'],
  ['sys', 'dir'],
  ['.dockerenv', 'file'],
  ['etc/resolv.conf', 'file'],
  ['etc/hosts', 'file'],
  ['etc/hostname', 'file'],
  ['dev/console', 'file'],
  ['etc/mtab', { link: '/proc/mounts' }],
];

/**
 * Whether an entry made with `mode` in a directory of mode `parentMode` already has the owner `uid:gid` and `mode`
 * (a mkdir or open with that mode, as this process): then chown and chmod would only repeat it. Not when the umask
 * strips bits, the mode has special bits (mkdir drops setuid), or the directory is setgid (its group and, for a
 * directory, the bit are inherited).
 */
function madeAsWanted(uid: number, gid: number, mode: number, parentMode: number): boolean {
  return (
    uid === process.getuid?.() &&
    gid === process.getgid?.() &&
    (mode & ~0o777) === 0 &&
    (mode & umask()) === 0 &&
    (parentMode & 0o2000) === 0
  );
}

let cachedUmask: number | null = null;
/** The process's umask (read once: process.umask() is the only way, and berth never changes it). */
const umask = () => (cachedUmask ??= process.umask());

class InitWriter {
  private readonly made = new Map<string, number>();

  constructor(
    private readonly dir: string,
    private readonly image: DirView,
  ) {}

  /** The image's entry at `rel` and, for a directory, its view. */
  private find(rel: string): { st: Stats; view: DirView } | null {
    let view = this.image;
    const parts = rel.split('/');
    for (let i = 0; i < parts.length; i++) {
      const found = lookup(view, parts[i], true);
      if (found === null) return null;
      if (i === parts.length - 1) return { st: found.st, view: found.view };
      if (!found.st.isDirectory()) return null;
      view = found.view;
    }
    return null;
  }

  /** The mode of the directory `rel` is made in (the init layer's own top is 0755). */
  private parentMode(rel: string): number {
    const slash = rel.lastIndexOf('/');
    return slash < 0 ? 0o755 : (this.made.get(rel.slice(0, slash)) ?? 0o755);
  }

  private mkdir(rel: string, like: Stats | null): void {
    if (this.made.has(rel)) return;
    const abs = `${this.dir}/${rel}`;
    const [uid, gid, mode] = [like?.uid ?? 0, like?.gid ?? 0, like ? like.mode & 0o7777 : 0o755];
    mkdirSync(abs, { mode: mode & 0o777 });
    if (!madeAsWanted(uid, gid, mode, this.parentMode(rel))) {
      // Owner before mode: chown clears setuid/setgid.
      chownSync(abs, uid, gid);
      chmodSync(abs, mode);
    }
    this.made.set(rel, mode);
  }

  private parents(rel: string): void {
    const parts = rel.split('/');
    for (let i = 1; i < parts.length; i++) {
      const p = parts.slice(0, i).join('/');
      const img = this.find(p);
      this.mkdir(p, img?.st.isDirectory() ? img.st : null);
    }
  }

  write(): void {
    for (const [rel, kind] of ENTRIES) {
      const img = this.find(rel);
      if (img?.st.isDirectory()) continue;
      this.parents(rel);
      const abs = `${this.dir}/${rel}`;
      if (kind === 'dir') this.mkdir(rel, null);
      else if (kind === 'file') {
        writeFileSync(abs, '', { mode: 0o755 });
        if (!madeAsWanted(0, 0, 0o755, this.parentMode(rel))) {
          chownSync(abs, 0, 0);
          chmodSync(abs, 0o755);
        }
      } else symlinkSync(kind.link, abs);
    }
  }
}

/** Writes the init layer for an image whose layer directories are `image` (uppermost first) into empty `dir`. */
export function writeInitLayer(dir: string, image: readonly string[]): void {
  new InitWriter(dir, rootView(image)).write();
}
