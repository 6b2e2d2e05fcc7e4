// Marks directories as tops of directory hierarchies (ext2/3/4's FS_TOPDIR_FL, what `chattr +T` sets), so the
// kernel's Orlov allocator spreads each subdirectory made in them (a layer, a staging area, a writable layer)
// over block groups of its own instead of packing every layer into its parent's group. On an ext4 without a
// journal this is worth much: the allocator skips inodes freed in the last minute one by one, so files made
// where a store (or an image) was just removed cost 10–20× more (perf: ext4's recently_deleted/find_inode_bit).
// Node has no ioctl(2), so this runs e2fsprogs' chattr, once, when the store's layout is first made. Other
// filesystems refuse the flag, and a missing chattr changes nothing: either way only the speed differs.

import { exec } from './exec.js';

export async function markHierarchyTops(dirs: string[]): Promise<boolean> {
  if (dirs.length === 0) return false;
  try {
    const r = await exec('chattr', ['-f', '+T', ...dirs], { stderr: 'ignore' });
    return r.code === 0;
  } catch {
    return false; // no chattr on this machine
  }
}
