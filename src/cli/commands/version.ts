// berth version [-f FORMAT]: docker version's shape with what is true of berth. The client is berth on node (a Node
// version where Docker's CLI has a Go version); the "server" is the same program (berth has no daemon: its Engine is
// this berth) and the components it runs containers with, the OCI runtime and docker-init, asked for their versions.
// No API version: berth serves no Engine API. `--format` sees Docker's field names (`{{.Server.Version}}`).

import { release } from 'node:os';
import type { Context } from '../context.js';
import { VERSION } from '../../version.js';
import { execFileSync } from 'node:child_process';
import { detectRuntime } from '../../container/runtime/detect.js';
import { initBinary } from '../../container/bundle.js';
import { formatOne } from '../output/format.js';

/** A program's `--version` output (stdout), or null when it can't be run. */
function versionOutput(cmd: string): string | null {
  try {
    return execFileSync(cmd, ['--version'], { timeout: 5000, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  } catch {
    return null;
  }
}

interface Component {
  Name: string;
  Version: string;
  Details: Record<string, string>;
}

/** Go's GOARCH for node's process.arch. */
const GOARCH: Record<string, string> = { x64: 'amd64', ia32: '386', arm64: 'arm64', arm: 'arm', s390x: 's390x', ppc64: 'ppc64le', riscv64: 'riscv64' };

/** `runc --version` / `crun --version`: the first line's version and runc's `commit:` line. */
function runtimeComponent(): Component | null {
  let name: string;
  try {
    name = detectRuntime('').name;
  } catch {
    return null;
  }
  const out = versionOutput(name);
  if (out === null) return null;
  const version = /version\s+(\S+)/.exec(out)?.[1] ?? '';
  const commit = /^commit:\s*(\S+)/m.exec(out)?.[1] ?? '';
  return { Name: name, Version: version, Details: { GitCommit: commit } };
}

/** docker-init (tini): `tini version 0.19.0 - git.de40ad0`. */
function initComponent(): Component | null {
  let path: string;
  try {
    path = initBinary();
  } catch {
    return null;
  }
  const out = versionOutput(path);
  if (out === null) return null;
  const m = /version\s+(\S+)(?:\s+-\s+git\.(\S+))?/.exec(out);
  return { Name: 'docker-init', Version: m?.[1] ?? '', Details: { GitCommit: m?.[2] ?? '' } };
}

export async function run(ctx: Context, _args: unknown[], opts: { format?: string }): Promise<void> {
  const os = process.platform;
  const arch = GOARCH[process.arch] ?? process.arch;
  const components: Component[] = [{ Name: 'Engine', Version: VERSION, Details: { Os: os, Arch: arch, KernelVersion: release(), NodeVersion: process.version } }];
  for (const c of [runtimeComponent(), initComponent()]) if (c) components.push(c);
  const info = {
    Client: { Platform: { Name: 'berth' }, Version: VERSION, NodeVersion: process.version, Os: os, Arch: arch },
    Server: { Platform: { Name: 'berth (no daemon)' }, Components: components, Version: VERSION, Os: os, Arch: arch, KernelVersion: release() },
  };
  if (opts.format) {
    ctx.line(formatOne(opts.format, info));
    return;
  }
  // docker/cli's template through its tabwriter (minimum cell width 20, padding 1)
  const row = (indent: string, key: string, value: string) => `${`${indent}${key}:`.padEnd(19)} ${value}`.trimEnd();
  const lines = [
    'Client: berth',
    row(' ', 'Version', VERSION),
    row(' ', 'Node version', process.version),
    row(' ', 'OS/Arch', `${os}/${arch}`),
    '',
    'Server: berth (no daemon)',
  ];
  for (const c of components) {
    lines.push(` ${c.Name}:`, row('  ', 'Version', c.Version));
    if (c.Name === 'Engine') lines.push(row('  ', 'Node version', process.version), row('  ', 'OS/Arch', `${os}/${arch}`), row('  ', 'Kernel version', release()));
    else for (const [k, v] of Object.entries(c.Details)) lines.push(row('  ', k, v));
  }
  ctx.out(lines.join('\n') + '\n');
}
