// The size of the build context as Docker's CLI sends it (the `Sending build context to Docker daemon` figure):
// a Go archive/tar stream of the context, uid/gid 0, mtimes in whole seconds, PAX records only where USTAR cannot
// hold a name or link target, hard links after the first as link entries, and the two end blocks.

const BLOCK = 512;
const pad = (n: number) => Math.ceil(n / BLOCK) * BLOCK;
const isASCII = (s: string) => /^[\x00-\x7f]*$/.test(s);

/** Go's splitUSTARPath: whether a long name fits as prefix + name. */
function fitsUSTAR(name: string): boolean {
  const len = Buffer.byteLength(name);
  if (!isASCII(name)) return false;
  if (len <= 100) return true;
  let cut = len;
  if (cut > 156) cut = 156;
  else if (name[cut - 1] === '/') cut--;
  const i = name.slice(0, cut).lastIndexOf('/');
  const nlen = len - i - 1;
  return !(i <= 0 || nlen > 100 || nlen === 0 || i > 155);
}

function paxRecord(key: string, value: string): number {
  const body = ` ${key}=${value}\n`;
  const n = Buffer.byteLength(body);
  const size = n + String(n).length;
  return String(size).length + n;
}

export interface TarSizeEntry {
  /** Name in the tar: relative path, directories ending in `/`. */
  name: string;
  kind: 'file' | 'dir' | 'symlink' | 'other';
  size: number;
  linkname?: string;
  /** dev:ino for hard-link detection (regular files with more than one link). */
  inode?: string;
}

export function contextTarSize(entries: Iterable<TarSizeEntry>): number {
  let total = 0;
  const seen = new Set<string>();
  for (const e of entries) {
    let records = 0;
    let kind = e.kind;
    const linkname = e.linkname ?? '';
    if (kind === 'file' && e.inode) {
      if (seen.has(e.inode)) kind = 'other';
      else seen.add(e.inode);
    }
    if (!fitsUSTAR(e.name)) records += paxRecord('path', e.name);
    if (linkname && (Buffer.byteLength(linkname) > 100 || !isASCII(linkname))) records += paxRecord('linkpath', linkname);
    if (records) total += BLOCK + pad(records);
    total += BLOCK;
    if (kind === 'file') total += pad(e.size);
  }
  return total + 2 * BLOCK;
}
