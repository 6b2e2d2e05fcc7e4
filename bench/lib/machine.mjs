// Describes the machine a run measured: CPU, cores, memory, kernel, the filesystem under the stores,
// cgroup mode, and the versions of node, berth and the reference engines.
import { readFile } from 'node:fs/promises';
import os from 'node:os';
import { quiet } from './proc.mjs';

const firstLine = (s) => s.trim().split('\n')[0] ?? '';

async function versionOf(cmd, args, pattern) {
  const r = await quiet(cmd, args);
  if (r.code !== 0) return 'not installed';
  const line = firstLine(r.stdout || r.stderr);
  return pattern ? (pattern.exec(line)?.[1] ?? line) : line;
}

export async function describeMachine({ work, berth }) {
  const cpuinfo = await readFile('/proc/cpuinfo', 'utf8').catch(() => '');
  const model = /^model name\s*:\s*(.+)$/m.exec(cpuinfo)?.[1] ?? os.cpus()[0]?.model ?? 'unknown';
  const fs = firstLine((await quiet('findmnt', ['-n', '-o', 'FSTYPE,SOURCE', '-T', work])).stdout).replace(/\s+/, ' on ');
  const cgroup = firstLine((await quiet('stat', ['-f', '-c', '%T', '/sys/fs/cgroup'])).stdout);
  const osRelease = await readFile('/etc/os-release', 'utf8').catch(() => '');
  return {
    host: os.hostname(),
    cpu: model,
    cores: os.cpus().length,
    memory: `${(os.totalmem() / 2 ** 30).toFixed(1)} GiB`,
    kernel: os.release(),
    os: /^PRETTY_NAME="?([^"\n]+)"?$/m.exec(osRelease)?.[1] ?? os.type(),
    storage: fs || 'unknown',
    cgroups: cgroup === 'cgroup2fs' ? 'v2' : cgroup === 'tmpfs' ? 'v1 (hybrid)' : cgroup || 'unknown',
    versions: {
      node: process.version,
      berth: await berth.version(),
      docker: await versionOf('/usr/sbin/dockerd', ['--version'], /version ([^,\s]+)/),
      podman: await versionOf('podman', ['--version'], /version (\S+)/),
      runc: await versionOf('runc', ['--version'], /version (\S+)/),
      'docker-registry': await versionOf('docker-registry', ['--version'], /distribution (\S+)/),
    },
  };
}
