// `-u`/USER to numeric IDs as runc needs them, read from the container's /etc/passwd and /etc/group the way
// libcontainer's GetExecUser does: names or numbers, `user[:group]`; supplementary groups from membership.

import { BerthError } from '../errors.js';
import type { SpecUser } from './spec.js';

interface PasswdEntry {
  name: string;
  uid: number;
  gid: number;
  home: string;
}

function parsePasswd(text: string | null): PasswdEntry[] {
  const out: PasswdEntry[] = [];
  for (const line of (text ?? '').split('\n')) {
    const f = line.split(':');
    if (f.length < 4 || line.startsWith('#')) continue;
    out.push({ name: f[0], uid: Number(f[2]), gid: Number(f[3]), home: f[5] ?? '' });
  }
  return out;
}

function parseGroup(text: string | null): { name: string; gid: number; members: string[] }[] {
  const out: { name: string; gid: number; members: string[] }[] = [];
  for (const line of (text ?? '').split('\n')) {
    const f = line.split(':');
    if (f.length < 3 || line.startsWith('#')) continue;
    out.push({ name: f[0], gid: Number(f[2]), members: (f[3] ?? '').split(',').filter(Boolean) });
  }
  return out;
}

const isNum = (s: string) => /^\d+$/.test(s);

export interface ResolvedUser extends SpecUser {
  home: string;
}

export function resolveUser(spec: string, passwdText: string | null, groupText: string | null): ResolvedUser {
  const [userPart, groupPart] = spec === '' ? ['', undefined] : spec.split(':', 2);
  const passwd = parsePasswd(passwdText);
  const groups = parseGroup(groupText);
  let uid = 0;
  let gid = 0;
  let name = 'root';
  let home = '/';
  const who = userPart || '0';
  const entry = passwd.find((p) => (isNum(who) ? p.uid === Number(who) : p.name === who));
  if (entry) {
    uid = entry.uid;
    gid = entry.gid;
    name = entry.name;
    home = entry.home || '/';
  } else if (isNum(who)) {
    uid = Number(who);
    name = '';
  } else {
    throw new BerthError('INVALID_ARGUMENT', `unable to find user ${who}: no matching entries in passwd file`);
  }
  if (groupPart !== undefined && groupPart !== '') {
    const g = groups.find((x) => (isNum(groupPart) ? x.gid === Number(groupPart) : x.name === groupPart));
    if (g) gid = g.gid;
    else if (isNum(groupPart)) gid = Number(groupPart);
    else throw new BerthError('INVALID_ARGUMENT', `unable to find group ${groupPart}: no matching entries in group file`);
  }
  const extra = groupPart ? [] : groups.filter((g) => name && g.members.includes(name) && g.gid !== gid).map((g) => g.gid);
  return { uid, gid, additionalGids: [gid, ...extra], home };
}

/** A `--group-add` group: a number as is, a name from the container's /etc/group (Docker's error otherwise). */
export function resolveGroup(group: string, groupText: string | null): number {
  if (isNum(group)) return Number(group);
  const g = parseGroup(groupText).find((x) => x.name === group);
  if (!g) throw new BerthError('INVALID_ARGUMENT', `Unable to find group ${group}: no matching entries in group file`);
  return g.gid;
}
