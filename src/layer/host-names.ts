// User and group names for tar headers, looked up on the host the way Go's archive/tar FileInfoHeader does it (moby
// 20.10 writes `root`/`root` for uid 0): /etc/passwd and /etc/group, read once per process; unknown ids get "".

import { readFileSync } from 'node:fs';

function parse(path: string): Map<number, string> {
  const out = new Map<number, string>();
  let text = '';
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return out;
  }
  for (const line of text.split('\n')) {
    const f = line.split(':');
    if (f.length < 3 || f[0] === '' || f[0].startsWith('#')) continue;
    const id = Number(f[2]);
    if (Number.isInteger(id) && !out.has(id)) out.set(id, f[0]);
  }
  return out;
}

let users: Map<number, string> | null = null;
let groups: Map<number, string> | null = null;

export function userName(uid: number): string {
  users ??= parse('/etc/passwd');
  return users.get(uid) ?? '';
}

export function groupName(gid: number): string {
  groups ??= parse('/etc/group');
  return groups.get(gid) ?? '';
}
