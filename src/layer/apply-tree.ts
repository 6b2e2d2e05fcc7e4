// The extractor's record of what one layer has created so far. Every entry's parent is resolved through this
// record, never through the filesystem, so a symlink made earlier in the layer can never redirect a later write
// (DESIGN §5). The record mirrors the disk: the layer directory is fresh and private, nothing else writes to it.

import { BerthError } from '../errors.js';

export interface Inode {
  size: number;
}

export interface Meta {
  mode: number;
  uid: number;
  gid: number;
  mtime: Date;
}

export type TreeNode =
  | { kind: 'dir'; path: string; children: Map<string, TreeNode>; implicit: boolean; meta: Meta | null }
  | { kind: 'file'; path: string; inode: Inode }
  | { kind: 'symlink'; path: string; size: number }
  | { kind: 'device'; path: string; pending: true; type: 'char' | 'block' | 'fifo'; major: number; minor: number; meta: Meta; xattrs: Map<string, Buffer> }
  | { kind: 'whiteout'; path: string; pending: true };

export type DirNode = Extract<TreeNode, { kind: 'dir' }>;

export function invalidEntry(name: string, reason: string): BerthError {
  return new BerthError('INVALID_ARGUMENT', `invalid tar entry ${JSON.stringify(name)}: ${reason}`);
}

/** Splits a tar path into components: drops `.`, empty parts and one leading `./`; refuses `..`, `/…` and NUL. */
export function splitEntryName(name: string, what = 'path', entry = name): string[] {
  if (name === '') throw invalidEntry(entry, `empty ${what}`);
  if (name.includes('\0')) throw invalidEntry(entry, `${what} contains a NUL byte`);
  if (name[0] === '/') throw invalidEntry(entry, `absolute ${what}`);
  const parts: string[] = [];
  for (const p of name.split('/')) {
    if (p === '' || p === '.') continue;
    if (p === '..') throw invalidEntry(entry, `${what} escapes the layer`);
    parts.push(p);
  }
  return parts;
}

export function newDir(path: string, implicit: boolean): DirNode {
  return { kind: 'dir', path, children: new Map(), implicit, meta: null };
}

function refuseParent(entry: string, parts: string[], i: number, node: TreeNode): never {
  const p = JSON.stringify(parts.slice(0, i + 1).join('/'));
  throw invalidEntry(entry, node.kind === 'symlink' ? `parent ${p} is a symlink` : `parent ${p} is not a directory`);
}

/**
 * The directory holding parts[0..n-1]. Missing directories are made by `mkdirImplicit` (which must create them on
 * disk) when given; without it a missing one is refused. Anything but a directory on the way is refused.
 */
export function resolveParent(
  root: DirNode,
  parts: string[],
  n: number,
  entry: string,
  mkdirImplicit?: (path: string) => void,
): DirNode {
  let cur = root;
  for (let i = 0; i < n; i++) {
    const next = cur.children.get(parts[i]);
    if (next === undefined) {
      if (!mkdirImplicit) throw invalidEntry(entry, `${JSON.stringify(parts.slice(0, i + 1).join('/'))} does not exist in this layer`);
      const child = newDir(cur.path === '' ? parts[i] : `${cur.path}/${parts[i]}`, true);
      mkdirImplicit(child.path);
      cur.children.set(parts[i], child);
      cur = child;
    } else if (next.kind === 'dir') {
      cur = next;
    } else {
      refuseParent(entry, parts, i, next);
    }
  }
  return cur;
}

/** Pre-order walk (parents before children) without recursion: a hostile layer can nest deeply. */
export function* walk(root: DirNode): Generator<TreeNode> {
  const stack: TreeNode[] = [root];
  while (stack.length > 0) {
    const n = stack.pop()!;
    yield n;
    if (n.kind === 'dir') {
      const kids = [...n.children.values()];
      for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]);
    }
  }
}

/** The node at `parts`, or undefined when it or a directory on the way is missing or not a directory. */
export function lookup(root: DirNode, parts: string[]): TreeNode | undefined {
  let cur: TreeNode = root;
  for (const p of parts) {
    if (cur.kind !== 'dir') return undefined;
    const next: TreeNode | undefined = cur.children.get(p);
    if (next === undefined) return undefined;
    cur = next;
  }
  return cur;
}
