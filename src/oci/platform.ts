// Platforms in Go's names: the one berth runs on, `os/arch[/variant]` strings, and the choice of index entries
// for a platform as containerd's platforms.Only makes it (Docker 20.10 pulls through it): the exact platform
// first, then what the CPU also runs (amd64 v3 → v2 → v1 → 386; arm64 → arm v8…v5; arm v7 → v6 → v5).

import { endianness } from 'node:os';
import { BerthError } from '../errors.js';
import type { Platform } from './types.js';

const KNOWN_OS = new Set([
  'aix', 'android', 'darwin', 'dragonfly', 'freebsd', 'hurd', 'illumos', 'ios', 'js', 'linux', 'nacl', 'netbsd',
  'openbsd', 'plan9', 'solaris', 'windows', 'zos',
]);
const KNOWN_ARCH = new Set([
  '386', 'amd64', 'amd64p32', 'arm', 'armbe', 'arm64', 'arm64be', 'ppc64', 'ppc64le', 'loong64', 'mips', 'mipsle',
  'mips64', 'mips64le', 'mips64p32', 'mips64p32le', 'ppc', 'riscv', 'riscv64', 's390', 's390x', 'sparc', 'sparc64',
  'wasm',
]);
const COMPONENT_RE = /^[A-Za-z0-9_-]+$/;

const NODE_ARCH: Record<string, string> = {
  x64: 'amd64',
  ia32: '386',
  arm64: 'arm64',
  arm: 'arm',
  ppc: 'ppc',
  s390: 's390',
  s390x: 's390x',
  riscv64: 'riscv64',
  loong64: 'loong64',
  mips: 'mips',
  mipsel: 'mipsle',
};

function invalidPlatform(message: string): BerthError {
  return new BerthError('INVALID_ARGUMENT', `${message}: invalid argument`);
}

/** Go's GOARCH for a Node process.arch (ppc64 is split by byte order, as Go names it). */
export function goArch(nodeArch: string = process.arch): string {
  if (nodeArch === 'ppc64') return endianness() === 'LE' ? 'ppc64le' : 'ppc64';
  return NODE_ARCH[nodeArch] ?? nodeArch;
}

/** The platform berth runs on; the variant as Docker reports it (arm64 → v8, arm → the ARM version). */
export function currentPlatform(): Platform {
  const architecture = goArch();
  const os = process.platform === 'win32' ? 'windows' : process.platform;
  if (architecture === 'arm64') return { os, architecture, variant: 'v8' };
  if (architecture === 'arm') {
    const v = (process.config.variables as Record<string, unknown>).arm_version;
    return { os, architecture, variant: `v${typeof v === 'string' || typeof v === 'number' ? v : 7}` };
  }
  return { os, architecture };
}

function normalizeOS(os: string): string {
  const lower = os.toLowerCase();
  return lower === 'macos' ? 'darwin' : lower;
}

/** containerd's normalizeArch: aliases to Go names, and each architecture's default variant written as ''. */
export function normalizeArch(arch: string, variant = ''): { architecture: string; variant: string } {
  let a = arch.toLowerCase();
  let v = variant.toLowerCase();
  switch (a) {
    case 'i386':
      a = '386';
      v = '';
      break;
    case 'x86_64':
    case 'x86-64':
    case 'amd64':
      a = 'amd64';
      if (v === 'v1') v = '';
      break;
    case 'aarch64':
    case 'arm64':
      a = 'arm64';
      if (v === '8' || v === 'v8') v = '';
      break;
    case 'armhf':
      a = 'arm';
      v = 'v7';
      break;
    case 'armel':
      a = 'arm';
      v = 'v6';
      break;
    case 'arm':
      if (v === '' || v === '7') v = 'v7';
      else if (v === '5' || v === '6' || v === '8') v = `v${v}`;
      break;
  }
  return { architecture: a, variant: v };
}

/** containerd's Normalize; the result has a variant only where it is not the architecture's default. */
export function normalizePlatform(p: Platform): Platform {
  const { architecture, variant } = normalizeArch(p.architecture, p.variant ?? '');
  const out: Platform = { ...p, os: normalizeOS(p.os), architecture };
  if (variant === '') delete out.variant;
  else out.variant = variant;
  return out;
}

/** containerd's platforms.Parse: `os`, `arch`, `os/arch` or `os/arch/variant`. */
export function parsePlatform(specifier: string): Platform {
  if (specifier.includes('*')) throw invalidPlatform(`${JSON.stringify(specifier)}: wildcards not yet supported`);
  const parts = specifier.split('/');
  for (const part of parts) {
    if (!COMPONENT_RE.test(part)) {
      throw invalidPlatform(
        `${JSON.stringify(part)} is an invalid component of ${JSON.stringify(specifier)}: platform specifier component must match "${COMPONENT_RE.source}"`,
      );
    }
  }
  const here = currentPlatform();
  const make = (os: string, architecture: string, variant: string): Platform =>
    variant === '' ? { os, architecture } : { os, architecture, variant };
  if (parts.length === 1) {
    const os = normalizeOS(parts[0]);
    if (KNOWN_OS.has(os)) {
      const variant = here.architecture === 'arm' && here.variant !== 'v7' ? (here.variant ?? '') : '';
      return make(os, here.architecture, variant);
    }
    const { architecture, variant } = normalizeArch(parts[0]);
    if (KNOWN_ARCH.has(architecture)) {
      return make(here.os, architecture, architecture === 'arm' && variant === 'v7' ? '' : variant);
    }
    throw invalidPlatform(`${JSON.stringify(specifier)}: unknown operating system or architecture`);
  }
  if (parts.length === 2) {
    const { architecture, variant } = normalizeArch(parts[1]);
    return make(normalizeOS(parts[0]), architecture, architecture === 'arm' && variant === 'v7' ? '' : variant);
  }
  if (parts.length === 3) {
    const { architecture, variant } = normalizeArch(parts[1], parts[2]);
    return make(normalizeOS(parts[0]), architecture, architecture === 'arm64' && variant === '' ? 'v8' : variant);
  }
  throw invalidPlatform(`${JSON.stringify(specifier)}: cannot parse platform specifier`);
}

/** `os/arch[/variant]`, as containerd's platforms.Format writes it. */
export function formatPlatform(p: Pick<Platform, 'os' | 'architecture' | 'variant'>): string {
  return [p.os, p.architecture, p.variant].filter((s) => s !== undefined && s !== '').join('/');
}

/** The platforms a CPU of this kind also runs, best first (containerd platformVector); input normalised. */
function platformVector(p: Platform): Platform[] {
  const out: Platform[] = [p];
  const same = (architecture: string, variant?: string): Platform =>
    variant ? { os: p.os, architecture, variant } : { os: p.os, architecture };
  const version = (v: string | undefined) => Number.parseInt((v ?? '').replace(/^v/, ''), 10);
  switch (p.architecture) {
    case 'amd64': {
      const n = version(p.variant);
      for (let i = n - 1; Number.isInteger(n) && i >= 1; i--) out.push(same('amd64', i === 1 ? undefined : `v${i}`));
      out.push(same('386'));
      break;
    }
    case 'arm': {
      const n = version(p.variant);
      for (let i = n - 1; Number.isInteger(n) && i >= 5; i--) out.push(same('arm', `v${i}`));
      break;
    }
    case 'arm64':
      out.push(...platformVector(same('arm', p.variant ?? 'v8')));
      break;
  }
  return out;
}

export interface PlatformMatcher {
  /** Whether an image for `p` runs on the wanted platform. */
  match(p: Platform): boolean;
  /** 0 for the wanted platform itself, higher for fallbacks, -1 for no match. */
  rank(p: Platform): number;
}

/** containerd's platforms.Only: the wanted platform or what its CPU also runs, preferred in that order. */
export function platformMatcher(wanted: Platform): PlatformMatcher {
  const vector = platformVector(normalizePlatform(wanted));
  const rank = (p: Platform): number => {
    const n = normalizePlatform(p);
    return vector.findIndex(
      (v) => v.os === n.os && v.architecture === n.architecture && (v.variant ?? '') === (n.variant ?? ''),
    );
  };
  return { rank, match: (p) => rank(p) >= 0 };
}

/** Index entries that run on the wanted platform, best first, ties in index order (moby filterManifests). */
export function selectPlatformManifests<T extends { platform?: Platform }>(
  manifests: readonly T[],
  wanted: Platform = currentPlatform(),
): T[] {
  const m = platformMatcher(wanted);
  return manifests
    .map((d, i) => ({ d, i, r: d.platform ? m.rank(d.platform) : -1 }))
    .filter((x) => x.r >= 0)
    .sort((a, b) => a.r - b.r || a.i - b.i)
    .map((x) => x.d);
}
