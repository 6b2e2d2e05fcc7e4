// Durability helpers: fsync a file or a directory (after a rename into it).

import { open } from 'node:fs/promises';

export async function fsyncPath(path: string): Promise<void> {
  const fh = await open(path, 'r');
  try {
    await fh.sync();
  } finally {
    await fh.close();
  }
}

export async function fsyncDir(dir: string): Promise<void> {
  await fsyncPath(dir);
}
