// HEALTHCHECK [--interval --timeout --start-period --retries] CMD …, or HEALTHCHECK NONE.

import type { Step } from '../builder.js';
import { BerthError } from '../../errors.js';
import { parseJSONForm, splitFlags } from '../parse-words.js';
import { goQuoteHealthcheck, goQuoteSlice, parseGoDuration, type HealthcheckValue } from '../go-quote.js';

const FLAGS = ['interval', 'timeout', 'start-period', 'retries'];

function duration(flags: Map<string, string | true>, name: string): number | undefined {
  const v = flags.get(name);
  if (v === undefined || v === true || v === '') return undefined;
  const d = parseGoDuration(v);
  if (d === null) throw new BerthError('INVALID_ARGUMENT', `time: invalid duration ${JSON.stringify(v)}`);
  if (d < 1e6) throw new BerthError('INVALID_ARGUMENT', `Interval ${JSON.stringify(name)} cannot be less than 1ms`);
  return d;
}

/** The HEALTHCHECK arguments as Docker's parser reads them (flags, CMD or NONE); its errors are Docker's. */
export function parseHealthcheck(args: string): HealthcheckValue {
  const { flags, rest } = splitFlags(args);
  for (const f of flags.keys()) if (!FLAGS.includes(f)) throw new BerthError('INVALID_ARGUMENT', `Unknown flag: ${f}`);
  const m = /^(\S+)\s*([\s\S]*)$/.exec(rest);
  if (!m) throw new BerthError('INVALID_ARGUMENT', 'HEALTHCHECK requires at least one argument');
  const typ = m[1].toUpperCase();
  if (typ === 'NONE') {
    if (m[2].trim()) throw new BerthError('INVALID_ARGUMENT', 'HEALTHCHECK NONE takes no arguments');
    return { Test: ['NONE'] };
  }
  if (typ !== 'CMD') throw new BerthError('INVALID_ARGUMENT', `Unknown type ${JSON.stringify(typ)} in HEALTHCHECK (try CMD)`);
  const json = parseJSONForm(m[2]);
  const cmd = json ?? (m[2].trim() ? [m[2].trim()] : []);
  if (cmd.length === 0) throw new BerthError('INVALID_ARGUMENT', 'Missing command after HEALTHCHECK CMD');
  const hc: HealthcheckValue = { Test: [json ? 'CMD' : 'CMD-SHELL', ...cmd] };
  hc.Interval = duration(flags, 'interval');
  hc.Timeout = duration(flags, 'timeout');
  hc.StartPeriod = duration(flags, 'start-period');
  const r = flags.get('retries');
  if (typeof r === 'string' && r !== '') {
    const n = Number(r);
    if (!/^-?[0-9]+$/.test(r)) throw new BerthError('INVALID_ARGUMENT', `strconv.ParseInt: parsing ${JSON.stringify(r)}: invalid syntax`);
    if (n < 1) throw new BerthError('INVALID_ARGUMENT', `--retries must be at least 1 (not ${n})`);
    hc.Retries = n;
  }
  return hc;
}

export async function healthcheck({ builder: b, state, ins }: Step): Promise<void> {
  const hc = parseHealthcheck(ins.args);
  const old = (state.runConfig.Healthcheck as HealthcheckValue | null | undefined)?.Test;
  if (old?.length && old[0] !== 'NONE') b.out.line(`Note: overriding previous HEALTHCHECK: ${goQuoteSlice(old).replace(/"/g, '')}`);
  state.runConfig = { ...state.runConfig, Healthcheck: hc };
  await b.commitConfig(state, `HEALTHCHECK ${goQuoteHealthcheck(hc)}`);
}
