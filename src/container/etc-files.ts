// The container's own /etc/hostname, /etc/hosts and /etc/resolv.conf (Docker's contents): kept beside the record
// and bind-mounted, so they never reach the writable layer or a commit.

const HOSTS_BASE = [
  '127.0.0.1\tlocalhost',
  '::1\tlocalhost ip6-localhost ip6-loopback',
  'fe00::0\tip6-localnet',
  'ff00::0\tip6-mcastprefix',
  'ff02::1\tip6-allnodes',
  'ff02::2\tip6-allrouters',
];

/**
 * With its own network namespace a container gets Docker's fixed hosts file; with the host's, the host's. `extra`:
 * `--add-host name:ip` entries, appended as Docker does (`ip\tname`).
 */
export function hostsFile(network: 'private' | 'host', hostHosts: string, extra: readonly string[] = []): string {
  const lines = extra.map((e) => {
    const i = e.indexOf(':');
    return `${e.slice(i + 1)}\t${e.slice(0, i)}\n`;
  });
  if (network === 'host') return hostHosts + (hostHosts && !hostHosts.endsWith('\n') ? '\n' : '') + lines.join('');
  return HOSTS_BASE.join('\n') + '\n' + lines.join('');
}

const DEFAULT_DNS = ['nameserver 8.8.8.8', 'nameserver 8.8.4.4', 'nameserver 2001:4860:4860::8888', 'nameserver 2001:4860:4860::8844'];

/**
 * Docker's resolv.conf: the host's, as is for host networking; otherwise without loopback nameservers (they can't
 * be reached from another network namespace), falling back to public resolvers when none is left.
 */
export function resolvConf(network: 'private' | 'host', hostResolv: string, dns: readonly string[] = []): string {
  // `--dns`: a file of its own (libnetwork's resolvconf.Build): those nameservers, then the host's search and options.
  if (dns.length > 0) {
    const kept = hostResolv.split('\n').filter((l) => /^\s*(search|options)\s/.test(l));
    return [...dns.map((d) => `nameserver ${d}`), ...kept.map((l) => l.trim())].join('\n') + '\n';
  }
  if (network === 'host') return hostResolv;
  const lines = hostResolv.split('\n');
  const kept = lines.filter((l) => !/^\s*nameserver\s+(127\.\d+\.\d+\.\d+|::1)\s*$/.test(l));
  let text = kept.join('\n').replace(/\n{3,}/g, '\n\n');
  if (!kept.some((l) => /^\s*nameserver\s/.test(l))) {
    text = text.replace(/\n*$/, '');
    text = (text ? text + '\n' : '') + DEFAULT_DNS.join('\n') + '\n';
  }
  return text;
}
