// The part of fs-ext (a native flock binding without types of its own) that sys/flock.ts calls.
declare module 'fs-ext' {
  /** flock(2) on `fd`; throws the errno as an Error with `code` (EAGAIN/EWOULDBLOCK for a refused LOCK_NB). */
  export function flockSync(fd: number, flags: 'sh' | 'ex' | 'shnb' | 'exnb' | 'un'): void;
}
