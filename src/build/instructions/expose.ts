// EXPOSE port[/proto] …: adds exposed ports (`80` → `80/tcp`, ranges expanded); the history row lists the
// words as written, sorted.

import type { Step } from '../builder.js';
import { BerthError } from '../../errors.js';

function portKeys(spec: string): string[] {
  const m = /^(?:([0-9.]+|\[[0-9a-fA-F:.]*\]):)?(?:([0-9]*):)?([0-9]+)(?:-([0-9]+))?(?:\/([A-Za-z]+))?$/.exec(spec);
  if (!m) throw new BerthError('INVALID_ARGUMENT', `Invalid containerPort: ${spec}`);
  const proto = (m[5] ?? 'tcp').toLowerCase();
  if (!['tcp', 'udp', 'sctp'].includes(proto)) throw new BerthError('INVALID_ARGUMENT', `Invalid proto: ${proto}`);
  const lo = Number(m[3]);
  const hi = m[4] ? Number(m[4]) : lo;
  if (hi < lo || hi > 65535) throw new BerthError('INVALID_ARGUMENT', `Invalid containerPort: ${spec}`);
  const out: string[] = [];
  for (let p = lo; p <= hi; p++) out.push(`${p}/${proto}`);
  return out;
}

export async function expose({ builder: b, state, ins }: Step): Promise<void> {
  const words = ins.args.split(/\s+/).filter(Boolean).flatMap((w) => b.expandWords(state, w));
  if (words.length === 0) throw new BerthError('INVALID_ARGUMENT', 'EXPOSE requires at least one argument');
  const ports = { ...((state.runConfig.ExposedPorts as Record<string, object> | null) ?? {}) };
  for (const w of words) for (const k of portKeys(w)) ports[k] = {};
  state.runConfig = { ...state.runConfig, ExposedPorts: ports };
  await b.commitConfig(state, `EXPOSE ${[...words].sort().join(' ')}`);
}
