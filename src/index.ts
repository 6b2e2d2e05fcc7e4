// berth as a library: open a store, then load, save, import, list, inspect, tag and remove images as typed
// functions (the CLI in src/cli/ is a thin layer over exactly these).

export { openStore, Store, type StoreOptions } from './store/store.js';
export { checkStore, type CheckReport } from './store/check.js';
export { BerthError, DigestMismatchError, isBerthError, type ErrorCode } from './errors.js';
export { type Digest, sha256, chainIDs } from './digest/digest.js';
export { parseNormalizedNamed, parseAnyReference, Reference } from './reference/index.js';

export { loadArchive, type LoadOptions, type LoadResult, type LoadEvent } from './transport/docker-archive/load.js';
export { saveImages } from './transport/docker-archive/save.js';
export { importImage, type ImportOptions } from './image/import.js';
export { listImages, type ImageRow, type ListOptions } from './image/list.js';
export { resolveImage, findImage } from './image/resolve.js';
export { inspectImage, imageHistory } from './image/describe.js';
export { tagImage } from './image/tag.js';
export { removeImage, type RemoveEvent, type RemoveOptions } from './image/remove.js';
export { pruneImages } from './image/prune.js';
export { diskUsage, type Usage } from './image/usage.js';
export type { ImageRecord } from './image/store.js';
export type { LayerRecord } from './layer/store.js';

export { createContainer, type CreateOptions } from './container/create.js';
export { resolveContainer, findContainer } from './container/resolve.js';
export { listContainers, type ListOptions as ContainerListOptions } from './container/list.js';
export { supervise, type SuperviseOptions, type SuperviseResult } from './container/supervise.js';
export { startDetached } from './container/monitor.js';
export { removeContainer, type RemoveOptions as ContainerRemoveOptions } from './container/remove.js';
export { killAndWait, parseSignal } from './container/signal.js';
export { inspectContainer } from './container/inspect-view.js';
export type { Container, ContainerRecord, ContainerState, MountPoint } from './container/record.js';
export {
  createVolume,
  getVolume,
  listVolumes,
  pruneVolumes,
  removeVolumes,
  volumeUsers,
  volumeView,
  type CreateVolumeOptions,
  type Volume,
} from './container/volume-store.js';

export { copyImage } from './copy/copy-image.js';
export type { CopyEvent, CopyOptions, CopyResult, ImageSource, ImageDestination } from './copy/types.js';
export { pullImage, listRemoteTags, type PullOptions, type PullResult } from './copy/pull.js';
export { pushImage, type PushOptions, type PushResult } from './copy/push.js';
export { RegistrySession } from './transport/registry/session.js';
export { loadRegistryConfig, daemonConfigPath, type RegistryConfig } from './transport/registry/config.js';
export { getCredentials, storeCredentials, eraseCredentials, type Credentials } from './transport/registry/credentials.js';
