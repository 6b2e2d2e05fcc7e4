// Extended attributes that never follow symlinks (lgetxattr & co.). @napi-rs/xattr 1.x already calls the l*
// syscalls (xattr.test.ts pins that down). Linux itself refuses `user.*` on symlinks and device nodes (EPERM);
// `trusted.*` (root only) and `security.*` work on them. Errors carry errno codes like node:fs errors.

import { constants } from 'node:os';
import {
  getAttributeSync,
  listAttributesSync,
  removeAttributeSync,
  setAttributeSync,
} from '@napi-rs/xattr';

const errnoNames = new Map<number, string>(Object.entries(constants.errno).map(([k, v]) => [v, k]));

/** The addon's error as a node:fs-style error (code, errno, syscall, path). */
function fsError(syscall: string, path: string, e: unknown): NodeJS.ErrnoException {
  const msg = e instanceof Error ? e.message : String(e);
  const n = /\(os error (\d+)\)/.exec(msg);
  const errno = n ? Number(n[1]) : undefined;
  const code = errno !== undefined ? errnoNames.get(errno) : undefined;
  const err = new Error(`${code ?? 'EIO'}: ${msg.replace(/ \(os error \d+\)$/, '')}, ${syscall} '${path}'`, {
    cause: e,
  }) as NodeJS.ErrnoException;
  err.code = code ?? 'EIO';
  if (errno !== undefined) err.errno = -errno;
  err.syscall = syscall;
  err.path = path;
  return err;
}

function wrap<T>(syscall: string, path: string, fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    throw fsError(syscall, path, e);
  }
}

/** The attribute's value, or null when the file or the attribute does not exist. */
export function lgetxattr(path: string, name: string): Buffer | null {
  // Called for every file a layer tar holds: no closure per call.
  try {
    return getAttributeSync(path, name);
  } catch (e) {
    throw fsError('lgetxattr', path, e);
  }
}

export function lsetxattr(path: string, name: string, value: Uint8Array | string): void {
  wrap('lsetxattr', path, () => setAttributeSync(path, name, value));
}

export function llistxattr(path: string): string[] {
  return wrap('llistxattr', path, () => listAttributesSync(path));
}

/** Throws ENODATA when the attribute is absent. */
export function lremovexattr(path: string, name: string): void {
  wrap('lremovexattr', path, () => removeAttributeSync(path, name));
}
