// --chown=user[:group] for COPY/ADD: numbers as they are, names looked up in the image's /etc/passwd and
// /etc/group (as the classic builder does, inside the container's root filesystem).

import { readFile } from 'node:fs/promises';
import { BerthError } from '../errors.js';
import type { ImageFS } from './image-fs.js';
import type { Owner } from './layer-plan.js';

async function table(fs: ImageFS, file: string): Promise<string[][]> {
  const f = await fs.find(file);
  if (!f || !f.stat.isFile()) return [];
  return (await readFile(f.path, 'utf8')).split('\n').filter((l) => l && !l.startsWith('#')).map((l) => l.split(':'));
}

export async function parseChown(spec: string, fs: ImageFS): Promise<Owner> {
  const [user, group] = spec.split(':', 2);
  const fail = (what: string, name: string, file: string) =>
    new BerthError('NOT_FOUND', `unable to convert uid/gid chown string to host mapping: can't find ${what} for ${what === 'uid' ? 'user' : 'group'} ${name}: no such ${what === 'uid' ? 'user' : 'group'}: ${name}${file}`);
  let uid: number;
  let gid: number;
  if (/^[0-9]+$/.test(user)) {
    uid = Number(user);
    gid = uid;
  } else {
    const row = (await table(fs, 'etc/passwd')).find((r) => r[0] === user);
    if (!row) throw fail('uid', user, '');
    uid = Number(row[2]);
    gid = Number(row[3]);
  }
  if (group !== undefined) {
    if (/^[0-9]+$/.test(group)) gid = Number(group);
    else {
      const row = (await table(fs, 'etc/group')).find((r) => r[0] === group);
      if (!row) throw fail('gid', group, '');
      gid = Number(row[2]);
    }
  }
  return { uid, gid };
}
