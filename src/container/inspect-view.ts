// `inspect` for a container: Docker 20.10's ContainerJSON, keys in its struct order, from berth's record and state.

import { containerSizes } from './usage.js';
import type { Store } from '../store/store.js';
import { goContainerConfig } from '../oci/docker-container-config.js';
import { createSnapshotter } from '../snapshot/index.js';
import type { Container, MountPoint } from './record.js';
import { MASKED_PATHS, READONLY_PATHS } from './spec.js';
import { stateName } from './status.js';
import { DEFAULT_LOG_CONFIG, logConfigView } from './log-config.js';

function mountView(m: MountPoint): Record<string, unknown> {
  if (m.type === 'volume') {
    // Docker gives a named volume its default relabel mode, `z`, unless a mode was asked for; an anonymous one none.
    const mode = m.mode || (m.anonymous ? '' : 'z');
    return { Type: 'volume', Name: m.name, Source: m.source, Destination: m.destination, Driver: 'local', Mode: mode, RW: m.rw, Propagation: '' };
  }
  if (m.type === 'tmpfs') return { Type: 'tmpfs', Source: '', Destination: m.destination, Mode: '', RW: true, Propagation: '' };
  return { Type: 'bind', Source: m.source, Destination: m.destination, Mode: m.mode ?? '', RW: m.rw, Propagation: m.propagation ?? 'rprivate' };
}

const emptyNetwork = () => ({
  IPAMConfig: null,
  Links: null,
  Aliases: null,
  NetworkID: '',
  EndpointID: '',
  Gateway: '',
  IPAddress: '',
  IPPrefixLen: 0,
  IPv6Gateway: '',
  GlobalIPv6Address: '',
  GlobalIPv6PrefixLen: 0,
  MacAddress: '',
  DriverOpts: null,
});

/** `size`: with SizeRw and SizeRootFs, as `inspect -s` (Docker computes them only when asked). */
async function sizeFields(store: Store, c: Container): Promise<{ SizeRw: number; SizeRootFs: number }> {
  const { rw, rootFs } = await containerSizes(store, c);
  return { SizeRw: rw, SizeRootFs: rootFs };
}

export async function inspectContainer(store: Store, c: Container, size = false): Promise<Record<string, unknown>> {
  const cs = store.containers;
  const st = c.state;
  let graph: Record<string, unknown> = { Data: null, Name: c.driver };
  try {
    const upper = await createSnapshotter(store).upper(c.id);
    if (upper.kind === 'overlay') {
      const home = upper.path.replace(/\/diff$/, '');
      graph = {
        Data: { LowerDir: upper.lowers.join(':'), MergedDir: `${home}/merged`, UpperDir: upper.path, WorkDir: `${home}/work` },
        Name: c.driver,
      };
    }
  } catch {
    // Layer gone: show no driver data.
  }
  const network = c.host.networkMode === 'default' ? 'bridge' : c.host.networkMode;
  const config = goContainerConfig(c.config);
  return {
    Id: c.id,
    Created: c.created,
    Path: c.path,
    Args: c.args,
    State: {
      Status: stateName(st),
      Running: st.status === 'running',
      Paused: st.status === 'running' && !!st.paused,
      Restarting: false,
      OOMKilled: false,
      Dead: false,
      Pid: st.status === 'running' ? st.pid : 0,
      ExitCode: st.exitCode,
      Error: st.error,
      StartedAt: st.startedAt,
      FinishedAt: st.finishedAt,
    },
    Image: c.image,
    ResolvConfPath: cs.file(c.id, 'resolv.conf'),
    HostnamePath: cs.file(c.id, 'hostname'),
    HostsPath: cs.file(c.id, 'hosts'),
    LogPath: c.host.logConfig?.Type === 'none' ? '' : cs.logPath(c.id),
    Name: `/${c.name}`,
    RestartCount: c.state.restartCount ?? 0,
    Driver: c.driver,
    Platform: 'linux',
    MountLabel: '',
    ProcessLabel: '',
    AppArmorProfile: '',
    ExecIDs: null,
    HostConfig: {
      Binds: c.host.binds,
      ContainerIDFile: c.host.containerIDFile ?? '',
      LogConfig: logConfigView(c.host.logConfig ?? DEFAULT_LOG_CONFIG),
      NetworkMode: c.host.networkMode,
      PortBindings: {},
      RestartPolicy: c.host.restartPolicy ?? { Name: 'no', MaximumRetryCount: 0 },
      AutoRemove: c.host.autoRemove,
      VolumeDriver: '',
      VolumesFrom: null,
      CapAdd: c.host.capAdd ?? null,
      CapDrop: c.host.capDrop ?? null,
      CgroupnsMode: 'host',
      Dns: c.host.dns ?? [],
      DnsOptions: [],
      DnsSearch: [],
      ExtraHosts: c.host.extraHosts ?? null,
      GroupAdd: c.host.groupAdd ?? null,
      IpcMode: c.host.ipcMode || 'private',
      Cgroup: '',
      Links: null,
      OomScoreAdj: 0,
      PidMode: c.host.pidMode ?? '',
      Privileged: !!c.host.privileged,
      PublishAllPorts: false,
      ReadonlyRootfs: c.host.readonlyRootfs,
      SecurityOpt: c.host.securityOpt ?? null,
      Tmpfs: c.host.tmpfs ?? undefined,
      UTSMode: c.host.utsMode ?? '',
      UsernsMode: c.host.usernsMode ?? '',
      ShmSize: c.host.shmSize || 67108864,
      ...(c.host.sysctls ? { Sysctls: c.host.sysctls } : {}),
      Runtime: c.runtime,
      ConsoleSize: [0, 0],
      Isolation: '',
      CpuShares: 0,
      Memory: c.host.memory ?? 0,
      NanoCpus: c.host.nanoCpus ?? 0,
      CgroupParent: '',
      BlkioWeight: 0,
      BlkioWeightDevice: [],
      BlkioDeviceReadBps: null,
      BlkioDeviceWriteBps: null,
      BlkioDeviceReadIOps: null,
      BlkioDeviceWriteIOps: null,
      CpuPeriod: 0,
      CpuQuota: 0,
      CpuRealtimePeriod: 0,
      CpuRealtimeRuntime: 0,
      CpusetCpus: '',
      CpusetMems: '',
      Devices: c.host.devices ?? [],
      DeviceCgroupRules: null,
      DeviceRequests: null,
      KernelMemory: 0,
      KernelMemoryTCP: 0,
      MemoryReservation: 0,
      MemorySwap: c.host.memory ? c.host.memory * 2 : 0,
      MemorySwappiness: null,
      OomKillDisable: false,
      PidsLimit: null,
      Ulimits: c.host.ulimits ?? null,
      CpuCount: 0,
      CpuPercent: 0,
      IOMaximumIOps: 0,
      IOMaximumBandwidth: 0,
      Mounts: c.host.mounts ?? undefined,
      MaskedPaths: MASKED_PATHS,
      ReadonlyPaths: READONLY_PATHS,
      ...(c.host.init ? { Init: true } : {}),
    },
    GraphDriver: graph,
    ...(size ? await sizeFields(store, c) : {}),
    // `--tmpfs` mounts are HostConfig.Tmpfs only (`--mount type=tmpfs` ones are listed).
    Mounts: c.mounts.filter((m) => m.spec !== 'tmpfs-flag').map(mountView),
    Config: config,
    NetworkSettings: {
      Bridge: '',
      SandboxID: '',
      HairpinMode: false,
      LinkLocalIPv6Address: '',
      LinkLocalIPv6PrefixLen: 0,
      Ports: {},
      SandboxKey: '',
      SecondaryIPAddresses: null,
      SecondaryIPv6Addresses: null,
      EndpointID: '',
      Gateway: '',
      GlobalIPv6Address: '',
      GlobalIPv6PrefixLen: 0,
      IPAddress: '',
      IPPrefixLen: 0,
      IPv6Gateway: '',
      MacAddress: '',
      // a network shared from another container is listed there, not here (Docker shows none)
      Networks: network.startsWith('container:') ? {} : { [network]: emptyNetwork() },
    },
  };
}
