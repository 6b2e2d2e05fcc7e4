// berth info [-f FORMAT]: system-wide information in the shape of Docker's `info` (the server part: berth has no
// daemon, so the store, the kernel and the machine).
import { cpus, totalmem, hostname, release } from 'node:os';
import { readFile, stat } from 'node:fs/promises';
import type { Context } from '../context.js';
import { bytesSize } from '../../format/units.js';
import { VERSION } from '../../version.js';
import { formatOne } from '../output/format.js';
import { createSnapshotter } from '../../snapshot/index.js';
import { readDaemonConfig } from '../../store/daemon-config.js';

async function osName(): Promise<string> {
  const text = await readFile('/etc/os-release', 'utf8').catch(() => '');
  return /^PRETTY_NAME="?([^"\n]*)"?/m.exec(text)?.[1] ?? 'Linux';
}

async function cgroupVersion(): Promise<string> {
  return (await stat('/sys/fs/cgroup/cgroup.controllers').catch(() => null)) ? '2' : '1';
}

export async function run(ctx: Context, _args: unknown[], opts: { format?: string }): Promise<void> {
  const store = await ctx.openStore();
  const images = (await store.images.ids()).length;
  const containers = await store.containers.list();
  const running = containers.filter((c) => c.state.status === 'running' && !c.state.paused).length;
  const paused = containers.filter((c) => c.state.status === 'running' && c.state.paused).length;
  const driver = createSnapshotter(store).name;
  // moby's info: `name=seccomp,profile=<daemon profile path, or default>`; berth's default is no filter
  const seccompProfile = readDaemonConfig()['seccomp-profile'];
  const arch = process.arch === 'x64' ? 'x86_64' : process.arch === 'arm64' ? 'aarch64' : process.arch;
  const info = {
    ID: '',
    Containers: containers.length,
    ContainersRunning: running,
    ContainersPaused: paused,
    ContainersStopped: containers.length - running - paused,
    Images: images,
    Driver: driver,
    DriverStatus:
      driver === 'vfs'
        ? []
        : [['Backing Filesystem', 'extfs'], ['Supports d_type', 'true'], ['Native Overlay Diff', 'true'], ['userxattr', 'false']],
    CgroupDriver: 'cgroupfs',
    CgroupVersion: await cgroupVersion(),
    KernelVersion: release(),
    OperatingSystem: await osName(),
    OSType: 'linux',
    Architecture: arch,
    NCPU: cpus().length,
    MemTotal: totalmem(),
    DockerRootDir: ctx.opts.root,
    Name: hostname(),
    ServerVersion: `berth ${VERSION}`,
    DefaultRuntime: 'runc',
    SecurityOptions: [`name=seccomp,profile=${typeof seccompProfile === 'string' && seccompProfile ? seccompProfile : 'unconfined'}`],
    IndexServerAddress: 'https://index.docker.io/v1/',
  };
  if (opts.format) {
    ctx.line(formatOne(opts.format, info));
    return;
  }
  ctx.out(
    [
      'Server:',
      ` Containers: ${info.Containers}`,
      `  Running: ${info.ContainersRunning}`,
      `  Paused: ${info.ContainersPaused}`,
      `  Stopped: ${info.ContainersStopped}`,
      ` Images: ${info.Images}`,
      ` Server Version: ${info.ServerVersion}`,
      ` Storage Driver: ${info.Driver}`,
      ...info.DriverStatus.map(([k, v]) => `  ${k}: ${v}`),
      ` Cgroup Driver: ${info.CgroupDriver}`,
      ` Cgroup Version: ${info.CgroupVersion}`,
      ` Default Runtime: ${info.DefaultRuntime}`,
      ' Security Options:',
      ...info.SecurityOptions.flatMap((o) => {
        const [name, ...kv] = o.split(',').map((p) => p.split('=').slice(1).join('='));
        return [`  ${name}`, ...kv.map((v) => `   Profile: ${v}`)];
      }),
      ` Kernel Version: ${info.KernelVersion}`,
      ` Operating System: ${info.OperatingSystem}`,
      ` OSType: ${info.OSType}`,
      ` Architecture: ${info.Architecture}`,
      ` CPUs: ${info.NCPU}`,
      ` Total Memory: ${bytesSize(info.MemTotal)}`,
      ` Name: ${info.Name}`,
      ` Docker Root Dir: ${info.DockerRootDir}`,
      ` Debug Mode: ${!!ctx.opts.debug}`,
      ` Registry: ${info.IndexServerAddress}`,
      '',
    ].join('\n'),
  );
}
