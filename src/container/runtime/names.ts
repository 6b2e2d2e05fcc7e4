// The OCI runtimes berth can drive, by name (the name is also the directory of each one's state under a runtime
// root): a module of its own, so the container store can name them without loading the runtimes.

export const RUNTIMES = ['runc', 'crun'] as const;
