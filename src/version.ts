// berth's version, as the build stamps it; `docker_version` in configs berth writes.
declare const BERTH_VERSION: string | undefined;
export const VERSION: string = typeof BERTH_VERSION === 'string' ? BERTH_VERSION : '0.1.0-dev';
export const ENGINE_VERSION = `berth-${VERSION}`;
