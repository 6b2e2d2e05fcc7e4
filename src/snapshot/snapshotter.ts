// The contract between containers and storage drivers (DESIGN.md §2): a container's root filesystem is its image's
// read-only layers plus one writable layer, handed out as Mount descriptions that the caller mounts.
// Lifecycle: prepare(key, parent) once → mounts() any number of times → (changes/diff via upper()) → remove(key).

import type { Digest } from '../digest/digest.js';
import type { Mount } from '../sys/mount.js';

export type { Mount };

/** The writable layer as diff and commit read it. */
export interface UpperDir {
  /** The directory holding the layer's own changes. */
  path: string;
  /**
   * `overlay`: path is an overlayfs upperdir (whiteouts are 0/0 character devices, opaque directories carry
   * `trusted.overlay.opaque=y`). `full`: path is a complete copy of the tree (vfs); changes come from comparing it
   * with `parent`'s layers.
   */
  kind: 'overlay' | 'full';
  /** The top chainID of the image the layer sits on (null for scratch). */
  parent: Digest | null;
}

export interface Snapshotter {
  /** `overlay2` or `vfs`, as `info` prints it. */
  readonly name: string;
  /** Creates the writable layer `key` on the image layers ending at `parent`; returns how to mount it. */
  prepare(key: string, parent: Digest | null): Promise<Mount[]>;
  /** How to mount an existing writable layer (after a restart of berth, for `start`). */
  mounts(key: string): Promise<Mount[]>;
  /** The writable layer, for diff/commit/export. */
  upper(key: string): Promise<UpperDir>;
  /** Bytes in the writable layer (SIZE in `ps -s`, `system df`). */
  usage(key: string): Promise<number>;
  /** Deletes the writable layer (the caller has unmounted it). */
  remove(key: string): Promise<void>;
  /** Keys of all writable layers (for GC and `system check`). */
  list(): Promise<string[]>;
}
