// A Docker seccomp profile (`--security-opt seccomp=<file>`, which the CLI inlines as JSON) made into the OCI
// runtime's `linux.seccomp` for one container, as Docker's daemon does at each start (moby profiles/seccomp,
// setupSeccomp): the syscall blocks whose `includes`/`excludes` (capabilities in the container's bounding set, this
// machine's architecture, a minimum kernel) let them apply, `name` or `names`, and the architectures of `archMap`
// that belong to this machine. The runtime compiles the result (libseccomp) and applies it to the container's
// processes and every exec. Loaded only for a container that has a profile (zod comes with it).

import { release } from 'node:os';
import { z } from 'zod';
import { BerthError } from '../errors.js';

export interface OciSeccompArg {
  index: number;
  value: number;
  valueTwo?: number;
  op: string;
}

export interface OciSyscall {
  names: string[];
  action: string;
  errnoRet?: number;
  args?: OciSeccompArg[];
}

/** The runtime spec's LinuxSeccomp (config-linux.md "Seccomp"). */
export interface OciSeccomp {
  defaultAction: string;
  defaultErrnoRet?: number;
  architectures?: string[];
  flags?: string[];
  listenerPath?: string;
  listenerMetadata?: string;
  syscalls?: OciSyscall[];
}

/** What the profile's `includes`/`excludes` are checked against. */
export interface SeccompHost {
  /** libseccomp's name of this machine's architecture (`amd64`, `arm64`, …), as the profiles' `arches` spell it. */
  arch: string | null;
  /** The running kernel's release (`uname -r`). */
  kernel: string;
}

/** node's process.arch → libseccomp's native name (moby's goToNative, from Go's GOARCH). */
const NATIVE_ARCH: Record<string, string> = { x64: 'amd64', ia32: 'x86', arm64: 'arm64', arm: 'arm', s390x: 's390x', ppc64: 'ppc64le', mips: 'mipsle', mipsel: 'mipsle', riscv64: 'riscv64' };

/** libseccomp's native name → the spec's architecture constant. */
const SECCOMP_ARCH: Record<string, string> = {
  x86: 'SCMP_ARCH_X86', amd64: 'SCMP_ARCH_X86_64', arm: 'SCMP_ARCH_ARM', arm64: 'SCMP_ARCH_AARCH64', mipsle: 'SCMP_ARCH_MIPSEL',
  ppc64le: 'SCMP_ARCH_PPC64LE', s390x: 'SCMP_ARCH_S390X', riscv64: 'SCMP_ARCH_RISCV64',
};

export function thisHost(): SeccompHost {
  return { arch: NATIVE_ARCH[process.arch] ?? null, kernel: release() };
}

// Go's encoding/json: unknown fields are ignored, `null` is the zero value, numbers must fit the field's type.
const uint = z.int().min(0);
const uint64 = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
const list = <T extends z.ZodType>(item: T) => z.array(item).nullish();
const filter = z
  .looseObject({ caps: list(z.string()), arches: list(z.string()), minKernel: z.string().nullish() })
  .nullish();
const syscall = z.looseObject({
  name: z.string().nullish(),
  names: list(z.string()),
  action: z.string().nullish(),
  errnoRet: uint.nullish(),
  args: list(z.looseObject({ index: uint, value: uint64.nullish(), valueTwo: uint64.nullish(), op: z.string().nullish() })),
  includes: filter,
  excludes: filter,
});
const profile = z.looseObject({
  defaultAction: z.string().nullish(),
  defaultErrnoRet: uint.nullish(),
  architectures: list(z.string()),
  archMap: list(z.looseObject({ architecture: z.string().nullish(), subArchitectures: list(z.string()) })),
  flags: list(z.string()),
  listenerPath: z.string().nullish(),
  listenerMetadata: z.string().nullish(),
  syscalls: list(syscall),
});

function decodingFailed(why: string): never {
  throw new BerthError('INVALID_ARGUMENT', `Decoding seccomp profile failed: ${why}`);
}

function decode(text: string): z.infer<typeof profile> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    decodingFailed((e as Error).message);
  }
  const r = profile.safeParse(json);
  if (!r.success) {
    const issue = r.error.issues[0];
    decodingFailed(`${issue.path.length ? `${issue.path.join('.')}: ` : ''}${issue.message}`);
  }
  return r.data;
}

/** Docker's kernel.ParseRelease: `major.minor[.patch]`, anything after (`-generic`, `+`) ignored. */
function parseKernel(v: string): [number, number, number] {
  const m = /^(\d+)\.(\d+)(?:\.(\d+))?/.exec(v);
  if (!m) throw new BerthError('INVALID_ARGUMENT', `failed to parse kernel version ${JSON.stringify(v)}: expected major.minor`);
  return [Number(m[1]), Number(m[2]), Number(m[3] ?? 0)];
}

/** Whether `running` is `min` or later. */
export function kernelAtLeast(min: string, running: string): boolean {
  const a = parseKernel(min);
  const b = parseKernel(running);
  for (let i = 0; i < 3; i++) if (a[i] !== b[i]) return b[i] > a[i];
  return true;
}

/**
 * The OCI seccomp config of profile `text` for a container whose bounding capabilities are `caps`; null when the
 * profile has neither a default action nor syscalls (Docker reads that as no filter). Errors are Docker's.
 */
export function seccompFromProfile(text: string, caps: readonly string[], host: SeccompHost = thisHost()): OciSeccomp | null {
  const p = decode(text);
  const syscalls = p.syscalls ?? [];
  if (!p.defaultAction && syscalls.length === 0) return null;
  if (p.architectures?.length && p.archMap?.length) {
    throw new BerthError('INVALID_ARGUMENT', "'architectures' and 'archMap' were specified in the seccomp profile, use either 'architectures' or 'archMap'");
  }
  const out: OciSeccomp = { defaultAction: p.defaultAction ?? '' };
  if (p.defaultErrnoRet != null) out.defaultErrnoRet = p.defaultErrnoRet;
  const arches = [...(p.architectures ?? [])];
  const native = host.arch ? SECCOMP_ARCH[host.arch] : undefined;
  const mapped = native ? p.archMap?.find((a) => a.architecture === native) : undefined;
  if (mapped) arches.push(native!, ...(mapped.subArchitectures ?? []));
  if (arches.length) out.architectures = arches;
  if (p.flags?.length) out.flags = p.flags;
  if (p.listenerPath) out.listenerPath = p.listenerPath;
  if (p.listenerMetadata) out.listenerMetadata = p.listenerMetadata;

  const applies = (call: z.infer<typeof syscall>): boolean => {
    const ex = call.excludes;
    if (ex?.arches?.length && host.arch && ex.arches.includes(host.arch)) return false;
    if (ex?.caps?.some((c) => caps.includes(c))) return false;
    if (ex?.minKernel && kernelAtLeast(ex.minKernel, host.kernel)) return false;
    const inc = call.includes;
    if (inc?.arches?.length && !(host.arch && inc.arches.includes(host.arch))) return false;
    if (inc?.caps?.length && !inc.caps.every((c) => caps.includes(c))) return false;
    if (inc?.minKernel && !kernelAtLeast(inc.minKernel, host.kernel)) return false;
    return true;
  };
  const rules: OciSyscall[] = [];
  for (const call of syscalls) {
    if (call.name && call.names?.length) {
      throw new BerthError('INVALID_ARGUMENT', "'name' and 'names' were specified in the seccomp profile, use either 'name' or 'names'");
    }
    if (!applies(call)) continue;
    const rule: OciSyscall = { names: call.name ? [call.name] : (call.names ?? []), action: call.action ?? '' };
    if (call.errnoRet != null) rule.errnoRet = call.errnoRet;
    if (call.args?.length) {
      rule.args = call.args.map((a) => ({ index: a.index, value: a.value ?? 0, ...(a.valueTwo ? { valueTwo: a.valueTwo } : {}), op: a.op ?? '' }));
    }
    rules.push(rule);
  }
  if (rules.length) out.syscalls = rules;
  return out;
}
