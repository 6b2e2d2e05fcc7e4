// isatty(3) for a descriptor, without node:tty where the answer is plain. node:tty loads net and every stream module
// with it (~3 ms of a fresh process on this 2-core VM), which `run --rm IMAGE true` otherwise never needs: a
// descriptor that is no character device, or one of the memory devices (/dev/null, /dev/zero, /dev/full,
// /dev/random, /dev/urandom: major 1, what CI and scripts give a command as stdin), is no terminal; only another
// character device is asked about through node:tty.

import { fstatSync } from 'node:fs';
import { isatty } from 'node:tty';
import { devMajor } from './dev-t.js';

const MEMORY_DEVICES = 1;

export function isTerminal(fd: number): boolean {
  let st;
  try {
    st = fstatSync(fd);
  } catch {
    return false; // not open: isatty says no too
  }
  if (!st.isCharacterDevice() || devMajor(st.rdev) === MEMORY_DEVICES) return false;
  return isatty(fd);
}
