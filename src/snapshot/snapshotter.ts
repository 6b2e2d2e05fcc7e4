// The contract between containers and storage drivers (DESIGN.md §2): a container's root filesystem is its image's
// read-only layers, Docker's small init layer, and one writable layer, handed out as Mount descriptions that the
// caller mounts. Lifecycle: prepare(key, parent) once → mounts() any number of times → (changes/diff/export via
// upper()) → remove(key) once the caller has unmounted it.

import type { Digest } from '../digest/digest.js';
import type { Mount } from '../sys/mount.js';
import type { LayerSource } from '../layer/changes.js';
import type { LayerStore } from '../layer/store.js';
import type { Staging } from '../lock/staging.js';

export type { Mount };

/** What the drivers use of a store (store/store.ts Store has it; snapshot/ sits below store/). */
export interface SnapshotStore {
  readonly root: string;
  readonly driver: 'overlay' | 'vfs';
  readonly layers: LayerStore;
  /** A private, locked staging directory on the store's filesystem. */
  staging(): Promise<Staging>;
}

/** Docker's layer depth limit (moby layer/layer_store.go maxLayerDepth): images of more layers are refused. */
export const MAX_LAYER_DEPTH = 125;

/** The writable layer as diff, commit and export read it. */
export interface UpperDir extends LayerSource {
  /**
   * `overlay`: path is an overlayfs upperdir (whiteouts are 0/0 character devices, opaque directories carry
   * `trusted.overlay.opaque=y`). `full`: path is a complete copy of the tree (vfs); changes come from comparing it
   * with `lowers`.
   */
  kind: 'overlay' | 'full';
  /** The top chainID of the image the layer sits on (null for scratch). */
  parent: Digest | null;
  /**
   * The read-only layer directories under the writable layer, uppermost first: the init layer (when there is one),
   * then the image's layers. diff compares against these, so the init layer's placeholders never show.
   */
  lowers: string[];
}

export interface PrepareOptions {
  /**
   * Put Docker's init layer under the writable layer (default true): empty placeholder files for the bind mounts
   * (/.dockerenv, /etc/hosts, /etc/hostname, /etc/resolv.conf, /dev/console), /etc/mtab → /proc/mounts, and the
   * mount point directories /proc, /sys, /dev/pts, /dev/shm where the image lacks them. Without it, the runtime's
   * mount points would land in the writable layer and show in diff and commit, which Docker's never do.
   */
  init?: boolean;
  /**
   * A directory on the store's filesystem that something already owns and will delete (a container's own
   * directory): the layer is assembled inside it and renamed into place, so a crash part-way leaves nothing that
   * its owner's removal misses. Without it, a locked staging area is used (one more lock and directory).
   */
  scratch?: string;
}

export interface MountOptions {
  /**
   * The layer need not survive a crash of the machine (a `--rm` container's, gone after one anyway): mounted
   * without the syncs that make it durable, where the driver can (overlayfs's `volatile`, as podman mounts its
   * `--rm` containers): the unmount as the container ends then writes nothing out, nor does an fsync inside it.
   */
  volatile?: boolean;
}

export interface Snapshotter {
  /** `overlay2` or `vfs`, as `info` prints it. */
  readonly name: string;
  /**
   * Creates the writable layer `key` (a 64-hex container ID) on the image layers ending at `parent`; returns how to
   * mount it. Fails with `max depth exceeded` above MAX_LAYER_DEPTH image layers, and if `key` exists.
   */
  prepare(key: string, parent: Digest | null, opts?: PrepareOptions): Promise<Mount[]>;
  /** How to mount an existing writable layer (after a restart of berth, for `start`). */
  mounts(key: string, opts?: MountOptions): Promise<Mount[]>;
  /** The writable layer, for diff/commit/export. */
  upper(key: string): Promise<UpperDir>;
  /** Bytes in the writable layer (SIZE in `ps -s`, `system df`). */
  usage(key: string): Promise<number>;
  /** Deletes the writable layer (the caller has unmounted it). Removing a missing key is not an error. */
  remove(key: string): Promise<void>;
  /** Keys of all writable layers of this driver (for GC and `system check`). */
  list(): Promise<string[]>;
}
