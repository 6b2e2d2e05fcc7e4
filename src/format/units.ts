// docker/go-units as Docker 20.10 vendors it (v0.4.0): sizes printed with Go's `%.*g` (`199MB`, `1.024kB`,
// `1e+03MB` at the rounding edge), binary sizes (`1.5KiB`), the size parsers behind `--memory`/`--shm-size`, and
// HumanDuration ("About a minute", "3 weeks") with " ago" appended as `docker images` and `ps` print it.

import { formatFloat } from './go-float.js';

const DECIMAL = ['B', 'kB', 'MB', 'GB', 'TB', 'PB', 'EB', 'ZB', 'YB'];
const BINARY = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB', 'EiB', 'ZiB', 'YiB'];

function scaled(size: number, base: number, units: string[], precision: number): string {
  let i = 0;
  while (size >= base && i < units.length - 1) {
    size /= base;
    i++;
  }
  return formatFloat(size, 'g', precision) + units[i];
}

/** units.HumanSizeWithPrecision: decimal units, `precision` significant digits. */
export function humanSizeWithPrecision(bytes: number, precision: number): string {
  return scaled(bytes, 1000, DECIMAL, precision);
}

/** units.HumanSize: four significant digits (`system df`, prune totals). */
export function humanSize(bytes: number): string {
  return humanSizeWithPrecision(bytes, 4);
}

/** units.BytesSize: binary units, four significant digits (`3.42GiB`). */
export function bytesSize(bytes: number): string {
  return scaled(bytes, 1024, BINARY, 4);
}

const SIZE = /^(\d+(\.\d+)*) ?([kmgtp])?i?b?$/i;
const POWERS: Record<string, number> = { k: 1, m: 2, g: 3, t: 4, p: 5 };

function parseWith(text: string, base: number): number {
  const m = SIZE.exec(text);
  if (!m || !/^\d+(\.\d+)?$/.test(m[1])) throw new Error(`invalid size: '${text}'`);
  let size = Number(m[1]);
  if (m[3]) size *= base ** POWERS[m[3].toLowerCase()];
  return Math.trunc(size);
}

/** units.FromHumanSize: `32kB` → 32000 (decimal). Throws `invalid size: '…'`. */
export function parseSize(text: string): number {
  return parseWith(text, 1000);
}

/** units.RAMInBytes: `32m` → 33554432 (binary, the `b` optional). Throws `invalid size: '…'`. */
export function ramInBytes(text: string): number {
  return parseWith(text, 1024);
}

/** units.HumanDuration of a span in milliseconds. */
export function humanDuration(ms: number): string {
  const seconds = Math.trunc(ms / 1000);
  if (seconds < 1) return 'Less than a second';
  if (seconds === 1) return '1 second';
  if (seconds < 60) return `${seconds} seconds`;
  const minutes = Math.trunc(ms / 60_000);
  if (minutes === 1) return 'About a minute';
  if (minutes < 60) return `${minutes} minutes`;
  const hours = Math.trunc(ms / 3_600_000 + 0.5);
  if (hours === 1) return 'About an hour';
  if (hours < 48) return `${hours} hours`;
  if (hours < 24 * 7 * 2) return `${Math.trunc(hours / 24)} days`;
  if (hours < 24 * 30 * 2) return `${Math.trunc(hours / 24 / 7)} weeks`;
  if (hours < 24 * 365 * 2) return `${Math.trunc(hours / 24 / 30)} months`;
  return `${Math.trunc(Math.trunc(ms / 3_600_000) / 24 / 365)} years`;
}

/** `3 minutes ago`: the age Docker prints for a creation time. */
export function ago(date: Date | number, now: Date | number = Date.now()): string {
  return humanDuration(Number(now) - Number(date)) + ' ago';
}
