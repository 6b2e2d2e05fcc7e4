// What every command gets: global options, the output streams, and the store, opened on first use.

import type { Store } from '../store/store.js';
import { openStore } from '../store/store.js';
import { resolve } from 'node:path';

export interface GlobalOptions {
  root: string;
  storageDriver?: 'overlay' | 'vfs';
  debug?: boolean;
}

export class Context {
  private store: Promise<Store> | null = null;
  readonly opts: GlobalOptions;

  /** A relative `--root` is taken from the working directory now (runtimes and monitors run elsewhere). */
  constructor(opts: GlobalOptions) {
    this.opts = { ...opts, root: resolve(opts.root) };
  }

  /** process.stdout, made on first use (cli/stdio.ts: a command that prints nothing does not pay for it). */
  get stdout(): NodeJS.WriteStream {
    return process.stdout;
  }

  get stderr(): NodeJS.WriteStream {
    return process.stderr;
  }

  openStore(): Promise<Store> {
    this.store ??= openStore({ root: this.opts.root, driver: this.opts.storageDriver });
    return this.store;
  }

  out(s: string): void {
    this.stdout.write(s);
  }

  line(s = ''): void {
    this.stdout.write(s + '\n');
  }

  get isTTY(): boolean {
    return !!this.stdout.isTTY;
  }
}

export function defaultRoot(): string {
  if (process.env.BERTH_ROOT) return process.env.BERTH_ROOT;
  if (process.getuid?.() === 0) return '/var/lib/berth';
  const xdg = process.env.XDG_DATA_HOME || `${process.env.HOME ?? '.'}/.local/share`;
  return `${xdg}/berth`;
}
