// `--security-opt`, in docker/cli's and the daemon's steps. The CLI (parseSecurityOpts) accepts `key=value` (or the
// old `key:value`) and a bare `no-new-privileges`, and reads a seccomp profile file into the option. The daemon
// (moby's parseSecurityOpt, at create) knows `label`, `apparmor`, `seccomp` and `no-new-privileges`.
// What berth does with them: `no-new-privileges` sets the process's no_new_privs (exec'd processes too);
// `seccomp=<profile JSON>` filters the container's system calls (seccomp.ts makes the runtime's config of it at each
// start, where Docker's daemon also reads it); `seccomp=unconfined` turns off the profile daemon.json's
// `seccomp-profile` names, if any (berth has no built-in default profile: without either, no filter); `apparmor=…`
// and `label=…` are kept and ignored where the host has no AppArmor or SELinux, as Docker does there. An AppArmor
// profile or SELinux label on a host that enforces them is refused rather than silently not applied.

import { readFileSync } from 'node:fs';
import { BerthError, ClientSideError } from '../errors.js';
import { readTextOrNull } from '../sys/read-text.js';
import { goBool } from '../format/go-bool.js';

/** docker/cli: checks the form and inlines a seccomp profile file (compacted JSON) as `seccomp=<json>`. */
export function cliSecurityOpts(opts: readonly string[], readFile: (path: string) => string = (p) => readFileSync(p, 'utf8')): string[] {
  return opts.map((opt) => {
    let con = splitOnce(opt, '=');
    if (con.length === 1 && con[0] !== 'no-new-privileges') {
      if (!opt.includes(':')) throw new ClientSideError(`Invalid --security-opt: ${JSON.stringify(opt)}`);
      con = splitOnce(opt, ':');
    }
    if (con[0] !== 'seccomp' || con[1] === 'unconfined') return opt;
    let text: string;
    try {
      text = readFile(con[1]);
    } catch (e) {
      const err = e as NodeJS.ErrnoException;
      const why = err.code === 'ENOENT' ? `open ${con[1]}: no such file or directory` : err.message;
      throw new ClientSideError(`opening seccomp profile (${con[1]}) failed: ${why}`);
    }
    try {
      return `seccomp=${JSON.stringify(JSON.parse(text))}`;
    } catch (e) {
      throw new ClientSideError(`compacting json for seccomp profile (${con[1]}) failed: ${(e as Error).message}`);
    }
  });
}

function splitOnce(s: string, sep: string): string[] {
  const i = s.indexOf(sep);
  return i < 0 ? [s] : [s.slice(0, i), s.slice(i + sep.length)];
}

export interface SecurityChoices {
  noNewPrivileges: boolean;
}

export interface HostSecurity {
  apparmor: boolean;
  selinux: boolean;
}

/** Whether this host enforces AppArmor or SELinux (what Docker's daemon checks before applying profiles or labels). */
export function hostSecurity(): HostSecurity {
  return {
    apparmor: readTextOrNull('/sys/module/apparmor/parameters/enabled')?.trim() === 'Y',
    selinux: readTextOrNull('/sys/fs/selinux/enforce')?.trim() === '1',
  };
}

/**
 * The daemon's reading of HostConfig.SecurityOpt (at create): Docker's errors for unknown keys and bad values. The
 * host's AppArmor and SELinux state is looked at only for an option that depends on it.
 */
export function daemonSecurityOpts(opts: readonly string[], host: () => HostSecurity = hostSecurity): SecurityChoices {
  const out: SecurityChoices = { noNewPrivileges: false };
  for (const opt of opts) {
    if (opt === 'no-new-privileges') {
      out.noNewPrivileges = true;
      continue;
    }
    if (opt === 'disable') continue; // label=disable's old spelling
    const con = opt.includes('=') ? splitOnce(opt, '=') : opt.includes(':') ? splitOnce(opt, ':') : [opt];
    if (con.length !== 2) throw new BerthError('INVALID_ARGUMENT', `invalid --security-opt 1: ${JSON.stringify(opt)}`);
    const [key, value] = con;
    switch (key) {
      case 'label':
        if (value !== 'disable' && host().selinux) throw new BerthError('FAILED_PRECONDITION', `SELinux labels are not supported by berth (--security-opt ${opt})`);
        break;
      case 'apparmor':
        if (value !== 'unconfined' && host().apparmor) throw new BerthError('FAILED_PRECONDITION', `AppArmor profiles are not supported by berth (--security-opt apparmor=${value})`);
        break;
      case 'seccomp':
        // a profile is read at start, as Docker's daemon reads it (a bad one fails the start, not the create)
        break;
      case 'no-new-privileges': {
        const on = goBool(value);
        if (on === null) throw new BerthError('INVALID_ARGUMENT', `invalid --security-opt 2: ${JSON.stringify(opt)}`);
        out.noNewPrivileges = on;
        break;
      }
      default:
        throw new BerthError('INVALID_ARGUMENT', `invalid --security-opt 2: ${JSON.stringify(opt)}`);
    }
  }
  return out;
}

/**
 * The seccomp profile (JSON) a container's `--security-opt`s name: the last `seccomp=` wins, as in Docker's daemon;
 * null for `unconfined`; undefined when none is named (the daemon's profile applies, if daemon.json sets one).
 */
export function seccompProfileOf(securityOpt: readonly string[] | undefined): string | null | undefined {
  let chosen: string | undefined;
  for (const opt of securityOpt ?? []) {
    const m = /^seccomp[=:]/.exec(opt);
    if (m) chosen = opt.slice(m[0].length);
  }
  return chosen === 'unconfined' ? null : chosen;
}
